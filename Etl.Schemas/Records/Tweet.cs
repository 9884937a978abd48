namespace Etl.Schemas.Records;

/// <summary>A tweet as carried on tweets.raw (schema <c>etl.tweets.Tweet</c>, see Tweet.avsc for field meanings).</summary>
public sealed record Tweet
{
    public required long Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string Text { get; init; }

    public string? Lang { get; init; }

    public string? Source { get; init; }

    public required TweetUser User { get; init; }

    public TweetCoordinates? Coordinates { get; init; }

    public TweetPlace? Place { get; init; }

    public TweetEntities? Entities { get; init; }

    public long RetweetCount { get; init; }

    public long ReplyCount { get; init; }

    public long LikeCount { get; init; }

    public long QuoteCount { get; init; }

    public long? InReplyToStatusId { get; init; }

    public long? InReplyToUserId { get; init; }

    public string? InReplyToScreenName { get; init; }

    public long? QuotedStatusId { get; init; }

    public long? RetweetedStatusId { get; init; }

    public bool PossiblySensitive { get; init; }

    /// <summary>The social network the post comes from, one of <see cref="Naming.SourceNetworks"/>.</summary>
    public string Network { get; init; } = Naming.SourceNetworks.X;

    /// <summary>The at:// URI of a Bluesky post (whose <see cref="Id"/> is a hash of it); null for X.</summary>
    public string? Uri { get; init; }
}
