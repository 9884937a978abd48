using System.Collections;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Etl.Enrichment.Sentiment;

/// <summary>
/// Scores a trained one-versus-all logistic-regression model (the committed one) from its own parameters: per class,
/// Platt(bias + Σ weights over the present slots), the three probabilities clamped at 0 and normalised to sum to 1 —
/// what ML.NET's prediction engine computes, without its per-call cost. ML.NET scores the three binary models with
/// <c>Parallel.For</c>, which for three sparse sums costs far more than the sums (thread-pool hand-offs, the caller
/// spin-waiting, ~1.7 KB of garbage per tweet); in the worker that machinery took more CPU than all of sentiment.
/// </summary>
/// <remarks>
/// ML.NET keeps a one-versus-all model's binary models behind a non-public property (<c>SubModelParameters</c>); the
/// weights, bias and calibrator of each are public types. <see cref="TryCreate"/> returns null for any model it does not
/// recognise (another trainer, another calibrator, an ML.NET that renamed the property), and the predictor then uses the
/// prediction engine. A test pins that the committed model takes this path and that both paths agree.
/// </remarks>
public sealed class LinearOvaScorer
{
    private readonly float[] weights; // slot-major: weights[slot * Classes + class]
    private readonly float[] biases;
    private readonly double[] slopes;
    private readonly double[] offsets;

    private LinearOvaScorer(float[] weights, float[] biases, double[] slopes, double[] offsets)
    {
        this.weights = weights;
        this.biases = biases;
        this.slopes = slopes;
        this.offsets = offsets;
    }

    /// <summary>Reads the model's parameters, or returns null when <paramref name="transformer"/> is not a one-versus-all model of Platt-calibrated linear binary models over <paramref name="dimension"/> slots.</summary>
    public static LinearOvaScorer? TryCreate(ITransformer transformer, int dimension)
    {
        if (transformer is not MulticlassPredictionTransformer<OneVersusAllModelParameters> { Model: { } ova })
        {
            return null;
        }

        var property = typeof(OneVersusAllModelParameters).GetProperty("SubModelParameters", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        if (property?.GetValue(ova) is not IEnumerable subModels)
        {
            return null;
        }

        var models = subModels.Cast<object>().ToList();
        if (models.Count != SentimentModel.Classes)
        {
            return null;
        }

        var weights = new float[dimension * SentimentModel.Classes];
        var biases = new float[SentimentModel.Classes];
        var slopes = new double[SentimentModel.Classes];
        var offsets = new double[SentimentModel.Classes];
        for (var c = 0; c < models.Count; c++)
        {
            if (models[c] is not CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator> { SubModel: { } linear, Calibrator: { } platt }
                || linear.Weights.Count != dimension)
            {
                return null;
            }

            var slot = 0;
            foreach (var w in linear.Weights)
            {
                weights[(slot++ * SentimentModel.Classes) + c] = w;
            }

            biases[c] = linear.Bias;
            slopes[c] = platt.Slope;
            offsets[c] = platt.Offset;
        }

        return new LinearOvaScorer(weights, biases, slopes, offsets);
    }

    /// <summary>Scores a vector given as its ascending present slots (every value 1), as <see cref="SentimentFeatures.Vectorize"/> writes it.</summary>
    public SentimentResult Score(ReadOnlySpan<int> slots)
    {
        float negative = biases[0], neutral = biases[1], positive = biases[2];
        var w = weights;
        foreach (var slot in slots)
        {
            var at = slot * SentimentModel.Classes;
            negative += w[at];
            neutral += w[at + 1];
            positive += w[at + 2];
        }

        Span<float> probabilities = stackalloc float[SentimentModel.Classes];
        probabilities[0] = Platt(negative, slopes[0], offsets[0]);
        probabilities[1] = Platt(neutral, slopes[1], offsets[1]);
        probabilities[2] = Platt(positive, slopes[2], offsets[2]);

        // One-versus-all's "use probabilities" output: clamp at 0, divide by the sum.
        double sum = 0;
        foreach (var p in probabilities)
        {
            sum += p > 0 ? p : 0;
        }

        for (var c = 0; c < probabilities.Length; c++)
        {
            probabilities[c] = sum > 0 ? (float)(Math.Max(probabilities[c], 0) / sum) : Math.Max(probabilities[c], 0);
        }

        return SentimentPredictor.FromProbabilities(probabilities);
    }

    private static float Platt(float output, double slope, double offset) => (float)(1 / (1 + Math.Exp((slope * output) + offset)));
}
