using Etl.Schemas.Documents;

namespace Etl.Enrichment.Sentiment;

/// <summary>A prediction: the most likely class, a score from -1 (negative) to 1 (positive) = P(positive) − P(negative), and the three probabilities.</summary>
public readonly record struct SentimentResult(SentimentClass Class, double Score, float Negative, float Neutral, float Positive)
{
    public string Label => Class switch
    {
        SentimentClass.Negative => SentimentLabels.Negative,
        SentimentClass.Positive => SentimentLabels.Positive,
        _ => SentimentLabels.Neutral,
    };
}
