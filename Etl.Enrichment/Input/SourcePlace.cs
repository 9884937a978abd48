namespace Etl.Enrichment.Input;

/// <summary>A tagged place (v1.1 <c>place</c>, v2 <c>includes.places</c>).</summary>
public sealed record SourcePlace
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? FullName { get; init; }

    /// <summary>poi, neighborhood, city, admin or country.</summary>
    public string? PlaceType { get; init; }

    public string? CountryCode { get; init; }

    public string? Country { get; init; }

    public BoundingBox? BoundingBox { get; init; }
}
