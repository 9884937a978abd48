using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Etl.Elastic.Aggregations;

namespace Etl.Elastic.Search;

/// <summary>Reads <c>_search</c> responses.</summary>
public static class SearchResponseReader
{
    public static SearchResponse<T> Parse<T>(JsonElement root, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("hits", out var hits))
        {
            throw new InvalidDataException("Not a _search response: no 'hits' object. Check the URL points at Elasticsearch.");
        }

        TotalHits? total = null;
        if (hits.TryGetProperty("total", out var t))
        {
            // Since 7.0 an object {value, relation}; older clusters or rest_total_hits_as_int send a number.
            total = t.ValueKind == JsonValueKind.Object
                ? new TotalHits(t.GetProperty("value").GetInt64(), !t.TryGetProperty("relation", out var r) || r.GetString() == "eq")
                : new TotalHits(t.GetInt64(), true);
        }

        var list = new List<SearchHit<T>>();
        if (hits.TryGetProperty("hits", out var items))
        {
            foreach (var hit in items.EnumerateArray())
            {
                list.Add(ParseHit(hit, typeInfo));
            }
        }

        return new SearchResponse<T>(
            root.TryGetProperty("took", out var took) ? took.GetInt64() : 0,
            root.TryGetProperty("timed_out", out var timedOut) && timedOut.ValueKind == JsonValueKind.True,
            total,
            Number(hits, "max_score"),
            list,
            root.TryGetProperty("aggregations", out var aggregations) ? new AggregationResults(aggregations.Clone()) : AggregationResults.Empty)
        {
            PointInTimeId = root.TryGetProperty("pit_id", out var pit) ? pit.GetString() : null,
        };
    }

    private static SearchHit<T> ParseHit<T>(JsonElement hit, JsonTypeInfo<T> typeInfo)
    {
        var source = hit.TryGetProperty("_source", out var s) && s.ValueKind == JsonValueKind.Object
            ? s.Deserialize(typeInfo)
            : default;
        return new SearchHit<T>(
            hit.TryGetProperty("_index", out var index) ? index.GetString() ?? "" : "",
            hit.TryGetProperty("_id", out var id) ? id.GetString() ?? "" : "",
            Number(hit, "_score"),
            source)
        {
            Fields = hit.TryGetProperty("fields", out var fields) ? fields.Clone() : null,
            Sort = hit.TryGetProperty("sort", out var sort) ? JsonNode.Parse(sort.GetRawText())!.AsArray() : null,
        };
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
