using System.Collections;
using System.Reflection;
using System.Runtime.Intrinsics.X86;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Etl.Enrichment.Sentiment;

/// <summary>
/// Scores a trained one-versus-all logistic-regression model (the committed one) from its own parameters: per class,
/// Platt(bias + Σ weights over the present slots), the three probabilities clamped at 0 and normalised to sum to 1 —
/// what ML.NET's prediction engine computes, bit for bit (the sum runs in ML.NET's order), without its per-call cost. ML.NET scores the three binary models with
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
        var negative = biases[0] + Sum(slots, 0);
        var neutral = biases[1] + Sum(slots, 1);
        var positive = biases[2] + Sum(slots, 2);

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

    /// <summary>
    /// Σ of class <paramref name="c"/>'s weights over <paramref name="slots"/>, added in the order ML.NET's sparse dot
    /// product (<c>CpuMathUtils.DotProductSparse</c>) adds them on this CPU, so the result is bit-for-bit the engine's
    /// (float addition is not associative: a plain loop differed in the last bit on 95% of tweets). Under 16 slots, or
    /// without SSE: in sequence. With AVX: eight running lanes (slot k into lane k mod 8) folded pairwise; then a block
    /// of four folded pairwise, the rest one by one, and the eight-lane total last. With SSE only: four lanes folded
    /// pairwise, then the rest.
    /// </summary>
    private float Sum(ReadOnlySpan<int> slots, int c)
    {
        const int Vectorized = 16;
        var w = weights;
        var count = slots.Length;
        var k = 0;
        float rest = 0;
        if (count < Vectorized || !Sse.IsSupported)
        {
            for (; k < count; k++)
            {
                rest += w[(slots[k] * SentimentModel.Classes) + c];
            }

            return rest;
        }

        var lanes = Avx.IsSupported ? 8 : 4;
        Span<float> lane = stackalloc float[8];
        lane.Clear();
        for (var blocked = count - (count % lanes); k < blocked; k++)
        {
            lane[k % lanes] += w[(slots[k] * SentimentModel.Classes) + c];
        }

        if (lanes == 4)
        {
            rest = (lane[0] + lane[1]) + (lane[2] + lane[3]);
            for (; k < count; k++)
            {
                rest += w[(slots[k] * SentimentModel.Classes) + c];
            }

            return rest;
        }

        var wide = ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
        if (k + 4 <= count)
        {
            rest = (w[(slots[k] * SentimentModel.Classes) + c] + w[(slots[k + 1] * SentimentModel.Classes) + c])
                + (w[(slots[k + 2] * SentimentModel.Classes) + c] + w[(slots[k + 3] * SentimentModel.Classes) + c]);
            k += 4;
        }

        for (; k < count; k++)
        {
            rest += w[(slots[k] * SentimentModel.Classes) + c];
        }

        return rest + wide;
    }

    private static float Platt(float output, double slope, double offset) => (float)(1 / (1 + Math.Exp((slope * output) + offset)));
}
