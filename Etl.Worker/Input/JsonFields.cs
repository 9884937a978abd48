using System.Globalization;
using System.Text.Json;
using Etl.Enrichment.Input;

namespace Etl.Worker.Input;

/// <summary>Lenient field access for Twitter JSON, where any field may be missing or null and ids come as strings or numbers.</summary>
internal static class JsonFields
{
    public static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    public static string? String(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    public static long Long(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
            {
                return number;
            }

            if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
            {
                return number;
            }
        }

        return 0;
    }

    public static bool Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>v1.1 "Wed Apr 06 19:13:37 +0000 2011" or v2 ISO 8601.</summary>
    public static DateTimeOffset? Date(JsonElement element, string name)
    {
        var text = String(element, name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, "ddd MMM dd HH:mm:ss zzz yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v1) ||
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out v1))
        {
            return v1.ToUniversalTime();
        }

        throw new TweetJsonException($"'{name}' is '{text}', which is not a Twitter date (e.g. 'Wed Apr 06 19:13:37 +0000 2011' or '2021-04-08T15:00:00.000Z').");
    }

    /// <summary>The place fields v1.1 and v2 share; only the bounding box differs in shape.</summary>
    public static SourcePlace Place(JsonElement place, BoundingBox? box) => new()
    {
        Id = String(place, "id"),
        Name = String(place, "name"),
        FullName = String(place, "full_name"),
        PlaceType = String(place, "place_type"),
        CountryCode = String(place, "country_code"),
        Country = String(place, "country"),
        BoundingBox = box,
    };

    /// <summary>Both API versions list URLs as objects with 'url' and 'expanded_url'.</summary>
    public static List<SourceUrl> Urls(JsonElement entities) =>
        Array(entities, "urls").Select(u => (Url: String(u, "url"), Expanded: String(u, "expanded_url")))
            .Where(u => u.Url is not null).Select(u => new SourceUrl(u.Url!, u.Expanded)).ToList();

    /// <summary>A GeoJSON Point object under <paramref name="name"/>; GeoJSON writes [lon, lat].</summary>
    public static GeoCoordinate? GeoJsonPoint(JsonElement element, string name)
    {
        if (Object(element, name) is { } point && Array(point, "coordinates").ToList() is [var lon, var lat] &&
            lon.ValueKind == JsonValueKind.Number && lat.ValueKind == JsonValueKind.Number)
        {
            return new GeoCoordinate(lat.GetDouble(), lon.GetDouble());
        }

        return null;
    }
}
