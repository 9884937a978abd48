namespace Etl.Enrichment.Input;

/// <summary>Entities as the source reported them (without sigils).</summary>
public sealed record SourceEntities
{
    public IReadOnlyList<string> Hashtags { get; init; } = [];

    public IReadOnlyList<string> Mentions { get; init; } = [];

    public IReadOnlyList<string> Cashtags { get; init; } = [];

    public IReadOnlyList<SourceUrl> Urls { get; init; } = [];
}
