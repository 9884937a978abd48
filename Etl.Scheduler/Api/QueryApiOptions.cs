namespace Etl.Scheduler.Api;

/// <summary>
/// The query API's own credential and its cache (section <c>QueryApi</c>). The key is separate from the dashboard's
/// login, so a dashboard or service that only reads trends never holds the right to trigger jobs.
/// </summary>
public sealed class QueryApiOptions
{
    public const string SectionName = "QueryApi";

    /// <summary>Sent as <c>X-Api-Key: KEY</c> or <c>Authorization: Bearer KEY</c>.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Most answers kept; a new answer beyond it is not cached until the cache has compacted (it drops a share of the oldest).</summary>
    public int CacheEntries { get; set; } = 1000;

    /// <summary>How long an answer is served from the cache.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(15);
}
