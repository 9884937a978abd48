using System.Text.Json;

namespace Etl.Elastic.Transport;

/// <summary>An Elasticsearch error object: <c>{"type", "reason", "caused_by", ...}</c>.</summary>
public sealed record ElasticsearchError(string Type, string? Reason, ElasticsearchError? CausedBy)
{
    /// <summary>
    /// Reads an <c>error</c> value. Elasticsearch sends an object, but a few endpoints (and proxies)
    /// send a bare string, which becomes the reason.
    /// </summary>
    public static ElasticsearchError? Parse(JsonElement error)
    {
        switch (error.ValueKind)
        {
            case JsonValueKind.Object:
                var type = error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "unknown";
                var reason = error.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                var causedBy = error.TryGetProperty("caused_by", out var c) ? Parse(c) : null;
                return new ElasticsearchError(type, reason, causedBy);
            case JsonValueKind.String:
                return new ElasticsearchError("unknown", error.GetString(), null);
            default:
                return null;
        }
    }

    /// <summary>"type: reason (caused by type: reason)", for logs and dead letters.</summary>
    public override string ToString() =>
        CausedBy is null ? $"{Type}: {Reason}" : $"{Type}: {Reason} (caused by {CausedBy})";
}
