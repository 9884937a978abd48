namespace Etl.Testing.Elasticsearch;

/// <summary>
/// Elasticsearch's media types. Version 9 clients send <c>application/vnd.elasticsearch+json; compatible-with=9</c>
/// (and <c>+x-ndjson</c> for bulk bodies); Elasticsearch 9 accepts compatible-with 8 and 9, answers in the requested
/// version's media type, and refuses other versions with 400 <c>media_type_header_exception</c>.
/// </summary>
public static class ElasticsearchMediaTypes
{
    public const int Major = 9;

    /// <summary>The compatible-with version a header asks for; null for plain JSON/NDJSON or no header.</summary>
    public static int? CompatibleWith(string? header)
    {
        if (string.IsNullOrEmpty(header) || !header.Contains("vnd.elasticsearch", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var part in header.Split([';', ','], StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("compatible-with=", StringComparison.OrdinalIgnoreCase))
            {
                return int.TryParse(part["compatible-with=".Length..], out var version) ? version : -1;
            }
        }

        return -1;
    }

    /// <summary>The media type without parameters, with a vendor type mapped to its plain equivalent.</summary>
    public static string? Essence(string? header)
    {
        var type = header?.Split(';')[0].Trim().ToLowerInvariant();
        return type switch
        {
            "application/vnd.elasticsearch+json" => "application/json",
            "application/vnd.elasticsearch+x-ndjson" => "application/x-ndjson",
            _ => type,
        };
    }

    /// <summary>The response content type for a request that sent <paramref name="accept"/> and <paramref name="contentType"/>.</summary>
    public static string ResponseType(string? accept, string? contentType) =>
        (CompatibleWith(accept) ?? CompatibleWith(contentType)) is int version and > 0
            ? $"application/vnd.elasticsearch+json;compatible-with={version}"
            : "application/json";

    /// <summary>Null when the headers are acceptable; else the 400 body Elasticsearch sends.</summary>
    public static string? Refusal(string? accept, string? contentType)
    {
        var acceptVersion = CompatibleWith(accept);
        var contentVersion = CompatibleWith(contentType);
        var bad = acceptVersion is int a && a is not (Major or Major - 1) || contentVersion is int c && c is not (Major or Major - 1)
            || acceptVersion is int x && contentVersion is int y && x != y;
        return bad
            ? ElasticsearchErrorBodies.Error(400, "media_type_header_exception",
                "A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version " +
                $"and the compatible versions must match. Accept={accept}, Content-Type={contentType}")
            : null;
    }
}
