namespace Etl.Worker.Generation;

/// <summary>One synthetic tweet, before it is written as Twitter API v1.1 JSON or as an Avro record.</summary>
public sealed record GeneratedTweet
{
    public required long Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string Text { get; init; }

    public required string Lang { get; init; }

    public required string Source { get; init; }

    public required GeneratedUser User { get; init; }

    public (double Lat, double Lon)? Coordinates { get; init; }

    public GeneratedPlace? Place { get; init; }

    public IReadOnlyList<string> Hashtags { get; init; } = [];

    public IReadOnlyList<string> Mentions { get; init; } = [];

    public IReadOnlyList<(string Url, string ExpandedUrl)> Urls { get; init; } = [];

    public IReadOnlyList<string> Cashtags { get; init; } = [];

    public long RetweetCount { get; init; }

    public long ReplyCount { get; init; }

    public long LikeCount { get; init; }

    public long QuoteCount { get; init; }

    public long? InReplyToStatusId { get; init; }

    public bool PossiblySensitive { get; init; }

    /// <summary>The planted trend this tweet belongs to, if any (ground truth; not part of the tweet).</summary>
    public string? Trend { get; init; }

    /// <summary>The wording the generator chose: positive, neutral or negative (ground truth).</summary>
    public required string Tone { get; init; }
}

public sealed record GeneratedUser(long Id, string ScreenName, string Name, string? Location, string Description, long Followers, long Friends, bool Verified, DateTimeOffset CreatedAt);

public sealed record GeneratedPlace(string Id, string FullName, string Name, string CountryCode, string Country, string PlaceType, double MinLon, double MinLat, double MaxLon, double MaxLat);
