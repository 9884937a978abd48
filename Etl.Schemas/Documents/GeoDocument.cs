using System.Text.Json.Serialization;

namespace Etl.Schemas.Documents;

public sealed record GeoDocument
{
    [JsonPropertyName("location")]
    public required GeoPointDocument Location { get; init; }

    /// <summary>One of <see cref="GeoSources"/>: how the point was found.</summary>
    [JsonPropertyName("source")]
    public required string Source { get; init; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    [JsonPropertyName("country_code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CountryCode { get; init; }

    [JsonPropertyName("country")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Country { get; init; }

    [JsonPropertyName("region")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Region { get; init; }

    [JsonPropertyName("city")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? City { get; init; }

    [JsonPropertyName("place_name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PlaceName { get; init; }

    /// <summary>0..1: 1 for exact coordinates, lower for place boxes and profile text.</summary>
    [JsonPropertyName("confidence")]
    public double Confidence { get; init; }
}
