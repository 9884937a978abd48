namespace Etl.Enrichment.Input;

/// <summary>A place's bounding box in degrees.</summary>
public readonly record struct BoundingBox(double West, double South, double East, double North)
{
    /// <summary>The centre; a box across the antimeridian (West greater than East) wraps correctly.</summary>
    public GeoCoordinate Centre
    {
        get
        {
            var east = East < West ? East + 360 : East;
            var lon = (West + east) / 2;
            return new GeoCoordinate((South + North) / 2, lon > 180 ? lon - 360 : lon);
        }
    }

    /// <summary>Approximate diagonal in kilometres, which tells a neighbourhood from a country.</summary>
    public double DiagonalKm
    {
        get
        {
            var east = East < West ? East + 360 : East;
            var dLat = (North - South) * 111.2;
            var dLon = (east - West) * 111.2 * Math.Cos((South + North) / 2 * Math.PI / 180);
            return Math.Sqrt((dLat * dLat) + (dLon * dLon));
        }
    }
}
