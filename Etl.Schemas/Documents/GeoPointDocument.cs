using System.Text.Json.Serialization;

namespace Etl.Schemas.Documents;

/// <summary>An Elasticsearch geo_point in object form.</summary>
public sealed record GeoPointDocument(
    [property: JsonPropertyName("lat")] double Lat,
    [property: JsonPropertyName("lon")] double Lon);
