using System.Collections.Frozen;
using System.Globalization;
using Etl.Enrichment.Input;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Etl.Enrichment.Geo;

/// <summary>
/// Reverse geocoding to a country with Natural Earth 1:50m admin-0 polygons (public domain, via world-atlas).
/// Indexed once (STR-tree of envelopes, indexed point-in-polygon per country); read-only afterwards, so thread-safe.
/// </summary>
public sealed class CountryPolygons
{
    /// <summary>How far off a coastline a point may lie and still count (50m outlines cut off piers, small islets and harbours).</summary>
    private const double CoastalToleranceDegrees = 0.25;

    private static readonly Lazy<CountryPolygons> Embedded = new(() => Parse(EmbeddedData.ReadLines(EmbeddedData.Countries)));

    private readonly STRtree<Shape> index = new();
    private readonly FrozenDictionary<string, Country> byCode;

    private CountryPolygons(List<Shape> shapes, Dictionary<string, Country> countries)
    {
        foreach (var shape in shapes)
        {
            index.Insert(shape.Geometry.EnvelopeInternal, shape);
            // Build each locator's index now: lazily built indexes are not safe to build from many threads at once.
            shape.Locator.Locate(shape.Geometry.Coordinate);
        }

        index.Build();
        byCode = countries.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public static CountryPolygons Default => Embedded.Value;

    public int Count => byCode.Count;

    public Country? this[string code] => byCode.GetValueOrDefault(code);

    /// <summary>The country containing the point, or the nearest within a coastal tolerance; null at sea.</summary>
    public Country? Locate(GeoCoordinate point)
    {
        if (!point.IsValid)
        {
            return null;
        }

        var coordinate = new Coordinate(point.Lon, point.Lat);
        foreach (var shape in index.Query(new Envelope(coordinate)))
        {
            if (shape.Locator.Locate(coordinate) != Location.Exterior)
            {
                return shape.Country;
            }
        }

        var search = new Envelope(coordinate);
        search.ExpandBy(CoastalToleranceDegrees);
        Country? nearest = null;
        var best = double.MaxValue;
        var location = new Point(coordinate);
        foreach (var shape in index.Query(search))
        {
            var distance = shape.Geometry.Distance(location);
            if (distance <= CoastalToleranceDegrees && distance < best)
            {
                best = distance;
                nearest = shape.Country;
            }
        }

        return nearest;
    }

    /// <summary>Parses countries.tsv.gz (see tools/derive-enrichment-data): C lines for countries, P for polygons, R for rings.</summary>
    private static CountryPolygons Parse(IEnumerable<string> lines)
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var shapes = new List<Shape>();
        var countries = new Dictionary<string, Country>(StringComparer.OrdinalIgnoreCase);
        Country? current = null;
        var polygons = new List<Polygon>();
        var rings = new List<LinearRing>();

        void FlushPolygon()
        {
            if (rings.Count > 0)
            {
                polygons.Add(factory.CreatePolygon(rings[0], rings.Skip(1).ToArray()));
                rings.Clear();
            }
        }

        void FlushCountry()
        {
            FlushPolygon();
            if (current is not null && polygons.Count > 0)
            {
                Geometry geometry = polygons.Count == 1 ? polygons[0] : factory.CreateMultiPolygon(polygons.ToArray());
                shapes.Add(new Shape(current, geometry, new IndexedPointInAreaLocator(geometry)));
            }

            polygons.Clear();
        }

        foreach (var line in lines)
        {
            var fields = line.Split('\t');
            switch (fields[0])
            {
                case "C":
                    FlushCountry();
                    current = new Country(fields[1], fields[2], new GeoCoordinate(ParseDouble(fields[3]), ParseDouble(fields[4])));
                    countries.TryAdd(current.Code, current);
                    break;
                case "P":
                    // A new polygon starts; its ring count (fields[1]) is implied by the R lines that follow.
                    FlushPolygon();
                    break;
                case "R":
                    rings.Add(factory.CreateLinearRing(DecodeRing(fields[1])));
                    break;
                default:
                    throw new InvalidDataException($"Unexpected line kind '{fields[0]}' in the embedded country polygons; regenerate them with tools/derive-enrichment-data/derive.py.");
            }
        }

        FlushCountry();
        return new CountryPolygons(shapes, countries);
    }

    /// <summary>Rings are delta-encoded integer pairs in 1/1000 degree.</summary>
    private static Coordinate[] DecodeRing(string encoded)
    {
        var pairs = encoded.Split(' ');
        var coordinates = new List<Coordinate>(pairs.Length + 1);
        long x = 0, y = 0;
        foreach (var pair in pairs)
        {
            var comma = pair.IndexOf(',', StringComparison.Ordinal);
            x += long.Parse(pair.AsSpan(0, comma), CultureInfo.InvariantCulture);
            y += long.Parse(pair.AsSpan(comma + 1), CultureInfo.InvariantCulture);
            coordinates.Add(new Coordinate(x / 1000.0, y / 1000.0));
        }

        if (!coordinates[0].Equals2D(coordinates[^1]))
        {
            coordinates.Add(coordinates[0].Copy());
        }

        while (coordinates.Count < 4)
        {
            coordinates.Add(coordinates[0].Copy());
        }

        return coordinates.ToArray();
    }

    private static double ParseDouble(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    private sealed record Shape(Country Country, Geometry Geometry, IndexedPointInAreaLocator Locator);
}
