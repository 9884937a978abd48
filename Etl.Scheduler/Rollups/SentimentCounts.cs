using System.Text.Json.Serialization;

namespace Etl.Scheduler.Rollups;

public sealed record SentimentCounts
{
    [JsonPropertyName("positive")]
    public long Positive { get; init; }

    [JsonPropertyName("neutral")]
    public long Neutral { get; init; }

    [JsonPropertyName("negative")]
    public long Negative { get; init; }
}
