namespace Etl.Enrichment.Sentiment;

/// <summary>Scores tweets with a <see cref="SentimentModel"/>. Allocation-free and thread-safe.</summary>
public sealed class SentimentPredictor(SentimentModel model)
{
    private static readonly Lazy<SentimentPredictor> Embedded = new(() => new SentimentPredictor(SentimentModel.LoadEmbedded()));

    /// <summary>The predictor for the model committed with this build.</summary>
    public static SentimentPredictor Default => Embedded.Value;

    public SentimentModel Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    public SentimentResult Predict(ReadOnlySpan<char> text)
    {
        Span<uint> features = stackalloc uint[SentimentFeatures.MaxFeatures];
        var count = SentimentFeatures.Extract(text, Model.Lexicon, features);
        Span<float> scores = stackalloc float[SentimentModel.Classes];
        Model.Score(features[..count], scores);
        Softmax(scores);
        var best = scores[2] > scores[1] && scores[2] > scores[0] ? SentimentClass.Positive
            : scores[0] > scores[1] ? SentimentClass.Negative : SentimentClass.Neutral;
        return new SentimentResult(best, Math.Round(scores[2] - scores[0], 4), scores[0], scores[1], scores[2]);
    }

    internal static void Softmax(Span<float> scores)
    {
        var max = Math.Max(scores[0], Math.Max(scores[1], scores[2]));
        var sum = 0f;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = MathF.Exp(scores[i] - max);
            sum += scores[i];
        }

        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] /= sum;
        }
    }
}
