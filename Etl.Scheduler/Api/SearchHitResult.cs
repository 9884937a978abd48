namespace Etl.Scheduler.Api;

/// <summary>One tweet found by <c>/api/search</c>.</summary>
public sealed record SearchHitResult(string Id, DateTimeOffset CreatedAt, string Text, IReadOnlyList<string> Hashtags, double? Score);
