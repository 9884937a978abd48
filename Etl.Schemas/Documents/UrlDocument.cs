using System.Text.Json.Serialization;

namespace Etl.Schemas.Documents;

public sealed record UrlDocument
{
    /// <summary>The URL as it appears in the text (often a t.co link).</summary>
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("expanded_url")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ExpandedUrl { get; init; }

    /// <summary>Host of the expanded URL (or of the URL), lower case, without a leading "www.".</summary>
    [JsonPropertyName("domain")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Domain { get; init; }
}
