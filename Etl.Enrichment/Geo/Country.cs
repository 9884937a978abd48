using Etl.Enrichment.Input;

namespace Etl.Enrichment.Geo;

/// <summary>A country: ISO 3166-1 alpha-2 code, English name and a label point inside its largest landmass.</summary>
public sealed record Country(string Code, string Name, GeoCoordinate LabelPoint);
