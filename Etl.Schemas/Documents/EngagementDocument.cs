using System.Text.Json.Serialization;

namespace Etl.Schemas.Documents;

public sealed record EngagementDocument
{
    [JsonPropertyName("retweet_count")]
    public long RetweetCount { get; init; }

    [JsonPropertyName("reply_count")]
    public long ReplyCount { get; init; }

    [JsonPropertyName("like_count")]
    public long LikeCount { get; init; }

    [JsonPropertyName("quote_count")]
    public long QuoteCount { get; init; }

    /// <summary>Sum of the four counts, so dashboards can rank by one field.</summary>
    [JsonPropertyName("total")]
    public long Total => RetweetCount + ReplyCount + LikeCount + QuoteCount;
}
