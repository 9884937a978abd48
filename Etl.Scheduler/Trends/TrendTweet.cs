namespace Etl.Scheduler.Trends;

/// <summary>What trend detection needs of a tweet: when, what it says, and its embedding (L2-normalised).</summary>
public sealed record TrendTweet(string Id, DateTimeOffset CreatedAt, string Text, IReadOnlyList<string> Hashtags, float[] Embedding);
