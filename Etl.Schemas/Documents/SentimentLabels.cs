namespace Etl.Schemas.Documents;

public static class SentimentLabels
{
    public const string Negative = "negative";
    public const string Neutral = "neutral";
    public const string Positive = "positive";
}
