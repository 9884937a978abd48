namespace Etl.Worker.Generation;

/// <summary>What to generate: how many tweets, over which span, with which planted trends.</summary>
public sealed record GeneratorSettings
{
    public int Count { get; init; } = 10_000;

    public int Seed { get; init; } = 42;

    public DateTimeOffset Start { get; init; } = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    public TimeSpan Span { get; init; } = TimeSpan.FromHours(2);

    public IReadOnlyList<PlantedTrend> Trends { get; init; } = [];

    /// <summary>Distinct users tweeting.</summary>
    public int Users { get; init; } = 2_000;
}
