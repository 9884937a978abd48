using Etl.Enrichment.Input;

namespace Etl.Enrichment.Geo;

/// <summary>
/// A named place. <c>Admin1</c> is the GeoNames first-level division code (the US state abbreviation; numeric for
/// Canada); <c>RegionName</c> names the state or province for US and Canadian places. Countries have no population
/// figure and sort as the largest places.
/// </summary>
public sealed record GazetteerEntry(PlaceKind Kind, string Name, string CountryCode, string Admin1, string? RegionName, GeoCoordinate Point, long Population);
