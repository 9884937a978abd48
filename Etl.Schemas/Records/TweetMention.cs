namespace Etl.Schemas.Records;

/// <summary>A mentioned user (schema <c>etl.tweets.Mention</c>).</summary>
public sealed record TweetMention(string ScreenName, long? Id = null);
