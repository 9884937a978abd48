using System.Text.Json.Serialization;

namespace Etl.Schemas.Documents;

public sealed record SentimentDocument
{
    /// <summary>One of <see cref="SentimentLabels"/>.</summary>
    [JsonPropertyName("label")]
    public string Label { get; init; } = SentimentLabels.Neutral;

    /// <summary>From -1 (most negative) to 1 (most positive).</summary>
    [JsonPropertyName("score")]
    public double Score { get; init; }
}
