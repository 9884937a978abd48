namespace Etl.Enrichment.Input;

/// <summary>A WGS84 point. Note the order: GeoJSON (and Twitter's <c>coordinates</c>) write longitude first.</summary>
public readonly record struct GeoCoordinate(double Lat, double Lon)
{
    public bool IsValid => Lat is >= -90 and <= 90 && Lon is >= -180 and <= 180 && !double.IsNaN(Lat) && !double.IsNaN(Lon);
}
