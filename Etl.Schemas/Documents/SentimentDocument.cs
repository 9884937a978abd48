using System.Text.Json.Serialization;

namespace Etl.Schemas.Documents;

public sealed record SentimentDocument
{
    /// <summary>One of <see cref="SentimentLabels"/>.</summary>
    [JsonPropertyName("label")]
    public string Label { get; init; } = SentimentLabels.Neutral;

    /// <summary>From -1 (most negative) to 1 (most positive): P(positive) − P(negative).</summary>
    [JsonPropertyName("score")]
    public double Score { get; init; }

    /// <summary>The model's probability that the tweet is negative (the three probabilities sum to 1).</summary>
    [JsonPropertyName("negative")]
    public double Negative { get; init; }

    /// <summary>The model's probability that the tweet is neutral.</summary>
    [JsonPropertyName("neutral")]
    public double Neutral { get; init; }

    /// <summary>The model's probability that the tweet is positive.</summary>
    [JsonPropertyName("positive")]
    public double Positive { get; init; }
}
