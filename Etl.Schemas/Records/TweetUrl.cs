namespace Etl.Schemas.Records;

/// <summary>A link in a tweet (schema <c>etl.tweets.UrlEntity</c>).</summary>
public sealed record TweetUrl(string Url, string? ExpandedUrl = null);
