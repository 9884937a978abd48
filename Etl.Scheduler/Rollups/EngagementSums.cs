using System.Text.Json.Serialization;

namespace Etl.Scheduler.Rollups;

public sealed record EngagementSums
{
    [JsonPropertyName("retweet_count")]
    public long RetweetCount { get; init; }

    [JsonPropertyName("reply_count")]
    public long ReplyCount { get; init; }

    [JsonPropertyName("like_count")]
    public long LikeCount { get; init; }

    [JsonPropertyName("quote_count")]
    public long QuoteCount { get; init; }

    [JsonPropertyName("total")]
    public long Total { get; init; }
}
