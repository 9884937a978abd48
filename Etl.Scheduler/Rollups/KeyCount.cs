using System.Text.Json.Serialization;

namespace Etl.Scheduler.Rollups;

/// <summary>A value and how many tweets of the bucket had it (nested in the rollup mapping).</summary>
public sealed record KeyCount([property: JsonPropertyName("key")] string Key, [property: JsonPropertyName("count")] long Count);
