namespace Etl.Enrichment.Geo;

public enum PlaceKind
{
    City,
    /// <summary>A US state or Canadian province.</summary>
    Region,
    Country,
}
