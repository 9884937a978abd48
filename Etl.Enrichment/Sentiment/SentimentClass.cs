namespace Etl.Enrichment.Sentiment;

/// <summary>The three classes, in the order the model stores them.</summary>
public enum SentimentClass
{
    Negative = 0,
    Neutral = 1,
    Positive = 2,
}
