namespace Etl.Schemas.Records;

/// <summary>Entities supplied by the source (schema <c>etl.tweets.Entities</c>).</summary>
public sealed record TweetEntities
{
    public IReadOnlyList<string> Hashtags { get; init; } = [];

    public IReadOnlyList<TweetMention> Mentions { get; init; } = [];

    public IReadOnlyList<TweetUrl> Urls { get; init; } = [];

    public IReadOnlyList<string> Cashtags { get; init; } = [];
}
