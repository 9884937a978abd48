namespace Etl.Enrichment.Input;

public sealed record SourceUser
{
    public required string Id { get; init; }

    public string? ScreenName { get; init; }

    public string? Name { get; init; }

    /// <summary>Free-text profile location ("NYC", "London, UK", "the moon").</summary>
    public string? Location { get; init; }

    public string? Description { get; init; }

    public long FollowersCount { get; init; }

    public long FriendsCount { get; init; }

    public bool Verified { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }
}
