using System.Buffers;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Etl.Enrichment.Sentiment;

/// <summary>
/// Scores tweets with a <see cref="SentimentModel"/>. Thread-safe: ML.NET's <c>PredictionEngine</c> is not (shared by
/// two threads it gave wrong labels and IndexOutOfRange), so each call borrows an engine with its buffers from a pool.
/// A one-versus-all logistic-regression model (the committed one) is scored from its parameters by
/// <see cref="LinearOvaScorer"/> instead, with bit-identical results (checked on probe vectors at load) and none of the
/// engine's per-call cost.
/// </summary>
public sealed class SentimentPredictor
{
    private static readonly Lazy<SentimentPredictor> Embedded = new(() => new SentimentPredictor(SentimentModel.LoadEmbedded()));

    /// <summary>Texts whose vectors check the direct scorer against the engine at load: short and long, every length mod 8.</summary>
    private static readonly string[] ProbeTexts =
    [
        "", "ok", "@someone", "I love this so much, best day ever! :)", "This is the worst service ever, I hate it :(",
        "the movie was not good", "Sooooo happy with my new phone 😍😍 #blessed", "Meeting moved to 3pm, agenda in the shared doc.",
        "$AAPL up 3% premarket after earnings beat http://t.co/x", "Worst. Update. Ever. My battery dies in two hours now #fail",
        "Thread 1/ Why distributed systems are hard: clocks drift, networks partition, and retries duplicate work.",
    ];

    private readonly ObjectPool<Scorer> scorers;
    private readonly LinearOvaScorer? linear;

    public SentimentPredictor(SentimentModel model)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        scorers = new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 2 }.Create(new ScorerPolicy(model));
        var direct = LinearOvaScorer.TryCreate(model.Transformer, model.Features.Dimension);

        // Only a scorer that reproduces the engine exactly is used: an ML.NET that sums in another order, or a model
        // the scorer misreads, falls back to the engine rather than shifting scores.
        linear = direct is not null && Probes(model).All(probe => direct.Score(probe) == PredictWithEngine(probe)) ? direct : null;
    }

    /// <summary>True when predictions come from the model's linear parameters (<see cref="LinearOvaScorer"/>) rather than ML.NET's prediction engine.</summary>
    public bool ScoresDirectly => linear is not null;

    /// <summary>The predictor for the model committed with this build, loaded once.</summary>
    public static SentimentPredictor Default => Embedded.Value;

    public SentimentModel Model { get; }

    public SentimentResult Predict(ReadOnlySpan<char> text)
    {
        if (linear is not null)
        {
            var slots = ArrayPool<int>.Shared.Rent(SentimentFeatures.MaxFeatures);
            try
            {
                var n = SentimentFeatures.Vectorize(text, Model.Lexicon, Model.Clusters, Model.Features, slots);
                return linear.Score(slots.AsSpan(0, n));
            }
            finally
            {
                ArrayPool<int>.Shared.Return(slots);
            }
        }

        var scorer = scorers.Get();
        try
        {
            var count = SentimentFeatures.Vectorize(text, Model.Lexicon, Model.Clusters, Model.Features, scorer.Slots);
            return scorer.Score(count);
        }
        finally
        {
            scorers.Return(scorer);
        }
    }

    /// <summary>The featurizer alone: writes the ascending slots of <paramref name="text"/>'s vector (see <see cref="SentimentFeatures.Vectorize"/>).</summary>
    public int Featurize(ReadOnlySpan<char> text, Span<int> slots) => SentimentFeatures.Vectorize(text, Model.Lexicon, Model.Clusters, Model.Features, slots);

    /// <summary>The model alone, over slots from <see cref="Featurize"/>.</summary>
    public SentimentResult Predict(ReadOnlySpan<int> slots) =>
        linear is not null ? linear.Score(slots[..Math.Min(slots.Length, SentimentFeatures.MaxFeatures)]) : PredictWithEngine(slots);

    /// <summary>The model through ML.NET's prediction engine, over slots from <see cref="Featurize"/> (what <see cref="Predict(ReadOnlySpan{int})"/> is checked against).</summary>
    public SentimentResult PredictWithEngine(ReadOnlySpan<int> slots)
    {
        var scorer = scorers.Get();
        try
        {
            var count = Math.Min(slots.Length, scorer.Slots.Length);
            slots[..count].CopyTo(scorer.Slots);
            return scorer.Score(count);
        }
        finally
        {
            scorers.Return(scorer);
        }
    }

    /// <summary>Turns the model's class probabilities into a result: argmax class, score = P(positive) − P(negative).</summary>
    public static SentimentResult FromProbabilities(ReadOnlySpan<float> scores)
    {
        float negative = Math.Max(scores[0], 0), neutral = Math.Max(scores[1], 0), positive = Math.Max(scores[2], 0);
        var sum = negative + neutral + positive;
        if (!(sum > 0) || float.IsInfinity(sum))
        {
            return new SentimentResult(SentimentClass.Neutral, 0, 0, 1, 0);
        }

        negative /= sum;
        neutral /= sum;
        positive /= sum;
        var best = positive > neutral && positive > negative ? SentimentClass.Positive
            : negative > neutral ? SentimentClass.Negative : SentimentClass.Neutral;
        return new SentimentResult(best, Math.Round(positive - negative, 4), negative, neutral, positive);
    }

    private static IEnumerable<int[]> Probes(SentimentModel model)
    {
        var slots = new int[SentimentFeatures.MaxFeatures];
        foreach (var text in ProbeTexts)
        {
            yield return slots[..SentimentFeatures.Vectorize(text, model.Lexicon, model.Clusters, model.Features, slots)];
        }

        // Pseudo-random slot sets of every size up to 40 and a few long ones: each way the sum splits into lanes.
        var mask = (uint)model.Features.Dimension - 1;
        var draw = 13u;
        foreach (var size in Enumerable.Range(1, 40).Concat([63, 64, 100, 257, 1000]))
        {
            var set = new SortedSet<int>();
            while (set.Count < size)
            {
                set.Add((int)(FeatureHash.Mix(draw++) & mask));
            }

            yield return [.. set];
        }
    }

    /// <summary>One engine with its own input and output rows and feature buffers: used by one thread at a time.</summary>
    private sealed class Scorer
    {
        private readonly PredictionEngine<SentimentRow, SentimentScores> engine;
        private readonly float[] ones = new float[SentimentFeatures.MaxFeatures];
        private readonly int dimension;
        private readonly SentimentRow input = new();
        private SentimentScores output = new();

        public Scorer(SentimentModel model)
        {
            dimension = model.Features.Dimension;
            engine = model.Context.Model.CreatePredictionEngine<SentimentRow, SentimentScores>(
                model.Transformer, ignoreMissingColumns: true, inputSchemaDefinition: SentimentModel.RowSchema(dimension));
            Array.Fill(ones, 1f);
        }

        public int[] Slots { get; } = new int[SentimentFeatures.MaxFeatures];

        public SentimentResult Score(int count)
        {
            input.Features = new VBuffer<float>(dimension, count, ones, Slots);
            engine.Predict(input, ref output);
            return FromProbabilities(output.Score);
        }
    }

    private sealed class ScorerPolicy(SentimentModel model) : PooledObjectPolicy<Scorer>
    {
        private readonly Lock creating = new();

        public override Scorer Create()
        {
            lock (creating)
            {
                return new Scorer(model);
            }
        }

        public override bool Return(Scorer obj) => true;
    }
}
