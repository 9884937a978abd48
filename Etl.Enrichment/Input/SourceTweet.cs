namespace Etl.Enrichment.Input;

/// <summary>
/// The enricher's input: a tweet as any source delivers it (Twitter API v1.1 or v2 JSON, the Avro record),
/// reduced to what enrichment and the indexed document need. Only <see cref="Id"/> and <see cref="Text"/> are required.
/// </summary>
public sealed record SourceTweet
{
    public required string Id { get; init; }

    /// <summary>When absent, the enricher derives it from the id (tweet ids are Snowflake ids that carry their time).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The full text (v1.1 <c>full_text</c> or <c>extended_tweet.full_text</c> when the tweet was truncated).</summary>
    public required string Text { get; init; }

    public string? Lang { get; init; }

    /// <summary>The posting client, possibly still an HTML anchor.</summary>
    public string? Source { get; init; }

    public SourceUser? User { get; init; }

    /// <summary>Exact coordinates attached to the tweet.</summary>
    public GeoCoordinate? Coordinates { get; init; }

    public SourcePlace? Place { get; init; }

    /// <summary>The source's own entities; when null, entities are extracted from the text.</summary>
    public SourceEntities? Entities { get; init; }

    public long RetweetCount { get; init; }

    public long ReplyCount { get; init; }

    public long LikeCount { get; init; }

    public long QuoteCount { get; init; }

    public string? InReplyToStatusId { get; init; }

    public string? InReplyToUserId { get; init; }

    public string? QuotedStatusId { get; init; }

    public string? RetweetedStatusId { get; init; }

    public bool PossiblySensitive { get; init; }

    /// <summary>The social network (<c>Etl.Schemas.Naming.SourceNetworks</c>); X when not said.</summary>
    public string Network { get; init; } = Etl.Schemas.Naming.SourceNetworks.X;

    /// <summary>The post's at:// URI on Bluesky; null for X.</summary>
    public string? Uri { get; init; }
}
