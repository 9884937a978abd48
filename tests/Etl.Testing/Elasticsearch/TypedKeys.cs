using System.Text.Json;
using System.Text.Json.Nodes;

namespace Etl.Testing.Elasticsearch;

/// <summary>
/// What Elasticsearch does for <c>?typed_keys=true</c> (the official clients always ask for it): each aggregation in
/// the answer is named <c>type#name</c>, so the client knows how to read it. Tests script answers the way the
/// reference responses look (without prefixes); the stub adds them from the request's <c>aggs</c>, as Elasticsearch would.
/// </summary>
internal static class TypedKeys
{
    public static bool Requested(RecordedRequest request) =>
        request.Query.Contains("typed_keys=true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The answer with typed aggregation names; unchanged when it has no aggregations or is not JSON.</summary>
    public static string Apply(RecordedRequest request, string body)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject answer || answer["aggregations"] is not JsonObject aggregations
                || request.Body.Length == 0 || JsonNode.Parse(request.Body) is not JsonObject asked)
            {
                return body;
            }

            if ((asked["aggregations"] ?? asked["aggs"]) is JsonObject requested)
            {
                Rename(requested, aggregations);
            }

            return answer.ToJsonString();
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static void Rename(JsonObject requested, JsonObject results)
    {
        foreach (var (name, definition) in requested)
        {
            if (definition is not JsonObject spec || results[name] is not JsonObject result)
            {
                continue;
            }

            var kind = spec.Select(p => p.Key).FirstOrDefault(k => k is not ("aggs" or "aggregations" or "meta"));
            if (kind is null)
            {
                continue;
            }

            if ((spec["aggs"] ?? spec["aggregations"]) is JsonObject sub)
            {
                foreach (var bucket in Buckets(result))
                {
                    Rename(sub, bucket);
                }
            }

            results.Remove(name);
            results[$"{TypeName(kind, result)}#{name}"] = result;
        }
    }

    private static IEnumerable<JsonObject> Buckets(JsonObject result) => result["buckets"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject keyed => keyed.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    /// <summary>The response type name: terms answers as sterms/lterms/dterms by the key's kind, metrics as themselves.</summary>
    private static string TypeName(string kind, JsonObject result)
    {
        if (kind != "terms")
        {
            return kind;
        }

        var key = Buckets(result).FirstOrDefault()?["key"];
        return key?.GetValueKind() switch
        {
            JsonValueKind.Number when key.ToJsonString().Contains('.', StringComparison.Ordinal) => "dterms",
            JsonValueKind.Number => "lterms",
            _ => "sterms",
        };
    }
}
