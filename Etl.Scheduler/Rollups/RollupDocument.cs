using System.Text.Json.Serialization;
using Etl.Schemas.Documents;

namespace Etl.Scheduler.Rollups;

/// <summary>One time bucket of tweets, summarised; field for field the <c>tweets-rollup</c> index template's mapping.</summary>
public sealed record RollupDocument
{
    [JsonPropertyName("bucket_start")]
    public required DateTimeOffset BucketStart { get; init; }

    [JsonPropertyName("bucket_end")]
    public required DateTimeOffset BucketEnd { get; init; }

    /// <summary><see cref="RollupInterval.Name"/>: <c>1m</c> or <c>1h</c>.</summary>
    [JsonPropertyName("interval")]
    public required string Interval { get; init; }

    [JsonPropertyName("generated_at")]
    public required DateTimeOffset GeneratedAt { get; init; }

    [JsonPropertyName("tweets")]
    public required long Tweets { get; init; }

    /// <summary>Null when no tweet of the bucket had a sentiment score.</summary>
    [JsonPropertyName("mean_sentiment")]
    public double? MeanSentiment { get; init; }

    [JsonPropertyName("hashtags")]
    public IReadOnlyList<KeyCount> Hashtags { get; init; } = [];

    [JsonPropertyName("languages")]
    public IReadOnlyList<KeyCount> Languages { get; init; } = [];

    [JsonPropertyName("countries")]
    public IReadOnlyList<KeyCount> Countries { get; init; } = [];

    [JsonPropertyName("sentiment")]
    public SentimentCounts Sentiment { get; init; } = new();

    [JsonPropertyName("engagement")]
    public EngagementDocument Engagement { get; init; } = new();
}
