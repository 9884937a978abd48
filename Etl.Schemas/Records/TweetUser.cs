namespace Etl.Schemas.Records;

/// <summary>The author of a <see cref="Tweet"/> (schema <c>etl.tweets.TweetUser</c>).</summary>
public sealed record TweetUser
{
    public required long Id { get; init; }

    public required string ScreenName { get; init; }

    public string? Name { get; init; }

    public string? Location { get; init; }

    public string? Description { get; init; }

    public long FollowersCount { get; init; }

    public long FriendsCount { get; init; }

    public bool Verified { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }
}
