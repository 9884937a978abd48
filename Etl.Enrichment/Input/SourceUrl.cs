namespace Etl.Enrichment.Input;

public sealed record SourceUrl(string Url, string? ExpandedUrl);
