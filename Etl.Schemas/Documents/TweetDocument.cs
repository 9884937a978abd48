using System.Text.Json.Serialization;

namespace Etl.Schemas.Documents;

/// <summary>
/// Exactly what is indexed into Elasticsearch for one tweet: the source tweet, flattened, plus enrichment.
/// Field names are the index mapping's field names (snake_case); Kibana objects and the scheduler rely on them.
/// </summary>
public sealed record TweetDocument
{
    /// <summary>Tweet id as a decimal string; also the Elasticsearch <c>_id</c>.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>
    /// The social network the post comes from: <c>x</c> or <c>bluesky</c> (<see cref="Naming.SourceNetworks"/>).
    /// Not <see cref="Source"/>, which is the posting client.
    /// </summary>
    [JsonPropertyName("network")]
    public string Network { get; init; } = Naming.SourceNetworks.X;

    /// <summary>The at:// URI of a Bluesky post (its <see cref="Id"/> is a hash of it); absent for X.</summary>
    [JsonPropertyName("uri")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Uri { get; init; }

    [JsonPropertyName("created_at")]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the pipeline read the tweet from Kafka (or the file, offline).</summary>
    [JsonPropertyName("ingested_at")]
    public required DateTimeOffset IngestedAt { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }

    [JsonPropertyName("lang")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Lang { get; init; }

    /// <summary>The client the tweet was posted with, as plain text (HTML anchor stripped).</summary>
    [JsonPropertyName("source")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }

    [JsonPropertyName("user")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TweetUserDocument? User { get; init; }

    /// <summary>Hashtags as written, without '#'.</summary>
    [JsonPropertyName("hashtags")]
    public IReadOnlyList<string> Hashtags { get; init; } = [];

    /// <summary>Mentioned screen names, without '@'.</summary>
    [JsonPropertyName("mentions")]
    public IReadOnlyList<string> Mentions { get; init; } = [];

    [JsonPropertyName("urls")]
    public IReadOnlyList<UrlDocument> Urls { get; init; } = [];

    /// <summary>Cashtags without '$'.</summary>
    [JsonPropertyName("cashtags")]
    public IReadOnlyList<string> Cashtags { get; init; } = [];

    [JsonPropertyName("emojis")]
    public IReadOnlyList<string> Emojis { get; init; } = [];

    [JsonPropertyName("engagement")]
    public EngagementDocument Engagement { get; init; } = new();

    [JsonPropertyName("is_reply")]
    public bool IsReply { get; init; }

    [JsonPropertyName("is_quote")]
    public bool IsQuote { get; init; }

    [JsonPropertyName("is_retweet")]
    public bool IsRetweet { get; init; }

    [JsonPropertyName("in_reply_to_status_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InReplyToStatusId { get; init; }

    [JsonPropertyName("in_reply_to_user_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InReplyToUserId { get; init; }

    [JsonPropertyName("quoted_status_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? QuotedStatusId { get; init; }

    [JsonPropertyName("retweeted_status_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RetweetedStatusId { get; init; }

    [JsonPropertyName("possibly_sensitive")]
    public bool PossiblySensitive { get; init; }

    [JsonPropertyName("sentiment")]
    public SentimentDocument Sentiment { get; init; } = new();

    /// <summary>Absent when no location could be determined.</summary>
    [JsonPropertyName("geo")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GeoDocument? Geo { get; init; }

    /// <summary>Dense vector, <see cref="EmbeddingDimensions"/> floats, L2-normalised.</summary>
    [JsonPropertyName("embedding")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(EmbeddingJsonConverter))]
    public float[]? Embedding { get; init; }

    [JsonPropertyName("pipeline")]
    public PipelineDocument Pipeline { get; init; } = new();

    /// <summary>Dimensions of <see cref="Embedding"/>; the index template maps the same number.</summary>
    public const int EmbeddingDimensions = 384;
}
