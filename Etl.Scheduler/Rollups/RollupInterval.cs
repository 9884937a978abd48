namespace Etl.Scheduler.Rollups;

/// <summary>A rollup bucket size: its name in documents and index names, its length, and Elasticsearch's calendar unit.</summary>
public sealed record RollupInterval(string Name, TimeSpan Length, string CalendarInterval)
{
    public static RollupInterval Minute { get; } = new("1m", TimeSpan.FromMinutes(1), "1m");

    public static RollupInterval Hour { get; } = new("1h", TimeSpan.FromHours(1), "1h");

    public static RollupInterval Day { get; } = new("1d", TimeSpan.FromDays(1), "1d");

    /// <summary><c>tweets-rollup-1m</c>, <c>tweets-rollup-1h</c>, <c>tweets-rollup-1d</c>.</summary>
    public string Index => Etl.Schemas.Naming.IndexNames.RollupPrefix + Name;

    public static RollupInterval Parse(string name) => name switch
    {
        "1m" => Minute,
        "1h" => Hour,
        "1d" => Day,
        _ => throw new ArgumentException($"Rollup interval '{name}' is unknown; use 1m, 1h or 1d.", nameof(name)),
    };

    /// <summary>Start of the bucket that holds <paramref name="time"/>.</summary>
    public DateTimeOffset BucketOf(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % Length.Ticks), TimeSpan.Zero);

    /// <summary>Deterministic document id, so a rerun of the same bucket overwrites it.</summary>
    public string DocumentId(DateTimeOffset bucketStart) =>
        $"{Name}-{bucketStart.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
