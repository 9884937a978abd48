using Etl.Worker.Generation;

namespace Etl.Worker.Demo;

/// <summary>What <c>etl-worker demo</c> runs.</summary>
public sealed record DemoSettings
{
    public int Count { get; init; } = 20_000;

    public int Seed { get; init; } = 42;

    /// <summary>Undecodable records mixed in, to show them land in the dead-letter topic with their bytes.</summary>
    public int Poison { get; init; } = 5;

    /// <summary>Elasticsearch to index into; null writes bulk NDJSON files to <see cref="OutputDirectory"/> instead.</summary>
    public Uri? Elasticsearch { get; init; }

    public string OutputDirectory { get; init; } = "out";

    public IReadOnlyList<PlantedTrend> Trends { get; init; } =
    [
        PlantedTrend.Parse("solar-eclipse:40m:20m:0.25"),
        PlantedTrend.Parse("product-launch:80m:15m:0.2"),
    ];

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
}
