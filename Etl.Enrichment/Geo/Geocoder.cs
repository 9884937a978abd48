using Etl.Enrichment.Input;
using Etl.Schemas.Documents;

namespace Etl.Enrichment.Geo;

/// <summary>
/// Locates a tweet: exact coordinates first, then the centre of the tagged place's bounding box, then the user's
/// profile location through the gazetteer. Every point gets a country from the polygons (profile matches keep the
/// gazetteer's country, which is exact where the 1:50m outlines are coarse). Thread-safe.
/// </summary>
public sealed class Geocoder(CountryPolygons countries, ProfileLocationMatcher profiles)
{
    /// <summary>Names the data behind the geocoder in documents (<c>pipeline.gazetteer</c>).</summary>
    public const string DataVersion = "geonames-cities15000+naturalearth-50m-v1";

    private static readonly Lazy<Geocoder> Embedded = new(() => new Geocoder(CountryPolygons.Default, ProfileLocationMatcher.Default));

    public static Geocoder Default => Embedded.Value;

    public GeoDocument? Locate(SourceTweet tweet)
    {
        ArgumentNullException.ThrowIfNull(tweet);
        if (tweet.Coordinates is { IsValid: true } point)
        {
            var country = countries.Locate(point);
            return new GeoDocument
            {
                Location = ToDocument(point),
                Source = GeoSources.Coordinates,
                CountryCode = country?.Code ?? tweet.Place?.CountryCode,
                Country = country?.Name ?? tweet.Place?.Country,
                PlaceName = tweet.Place?.FullName,
                Confidence = 1.0,
            };
        }

        if (tweet.Place is { BoundingBox: { } box } place && box.Centre.IsValid)
        {
            var centre = box.Centre;
            var country = countries.Locate(centre) ?? (place.CountryCode is { Length: 2 } code ? countries[code] : null);
            var diagonal = box.DiagonalKm;
            return new GeoDocument
            {
                Location = ToDocument(centre),
                Source = GeoSources.Place,
                CountryCode = country?.Code ?? place.CountryCode,
                Country = country?.Name ?? place.Country,
                City = place.PlaceType is "city" or "neighborhood" or "poi" ? place.Name : null,
                PlaceName = place.FullName ?? place.Name,
                // A neighbourhood's box pins a tweet down; a country's box barely does.
                Confidence = diagonal < 50 ? 0.9 : diagonal < 500 ? 0.7 : 0.4,
            };
        }

        if (profiles.Match(tweet.User?.Location) is { } match)
        {
            var entry = match.Entry;
            var country = countries[entry.CountryCode] ?? countries.Locate(entry.Point);
            return new GeoDocument
            {
                Location = ToDocument(entry.Point),
                Source = GeoSources.Profile,
                CountryCode = country?.Code ?? entry.CountryCode,
                Country = country?.Name,
                Region = entry.Kind == PlaceKind.Country ? null : entry.RegionName,
                City = entry.Kind == PlaceKind.City ? entry.Name : null,
                PlaceName = tweet.User!.Location!.Trim(),
                Confidence = match.Confidence,
            };
        }

        return null;
    }

    private static GeoPointDocument ToDocument(GeoCoordinate point) => new(Math.Round(point.Lat, 6), Math.Round(point.Lon, 6));
}
