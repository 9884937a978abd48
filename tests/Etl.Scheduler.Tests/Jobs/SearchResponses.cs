using System.Text.Json.Nodes;

namespace Etl.Scheduler.Tests.Jobs;

/// <summary>
/// Search responses in Elasticsearch's shape (as in ../shared/reference/elasticsearch_responses: took, timed_out,
/// _shards, hits.total, aggregations with composite buckets and after_key), filled with the test's data.
/// </summary>
public static class SearchResponses
{
    public static string Hits(IEnumerable<JsonObject> hits, string? pitId = null)
    {
        var array = new JsonArray();
        foreach (var hit in hits)
        {
            array.Add(hit);
        }

        var body = Envelope();
        body["hits"] = new JsonObject
        {
            ["total"] = new JsonObject { ["value"] = array.Count, ["relation"] = "eq" },
            ["max_score"] = null,
            ["hits"] = array,
        };
        if (pitId is not null)
        {
            body["pit_id"] = pitId;
        }

        return body.ToJsonString();
    }

    public static JsonObject Hit(string index, string id, JsonNode source, long sort) => new()
    {
        ["_index"] = index,
        ["_id"] = id,
        ["_score"] = null,
        ["_source"] = source,
        ["sort"] = new JsonArray(sort),
    };

    public static string Composite(string name, IEnumerable<JsonObject> buckets, JsonObject? afterKey)
    {
        var array = new JsonArray();
        foreach (var bucket in buckets)
        {
            array.Add(bucket);
        }

        var aggregation = new JsonObject();
        if (afterKey is not null)
        {
            aggregation["after_key"] = afterKey;
        }

        aggregation["buckets"] = array;
        var body = Envelope();
        body["hits"] = new JsonObject { ["total"] = new JsonObject { ["value"] = 10000, ["relation"] = "gte" }, ["max_score"] = null, ["hits"] = new JsonArray() };
        body["aggregations"] = new JsonObject { [name] = aggregation };
        return body.ToJsonString();
    }

    public static JsonObject Terms(params (string Key, long Count)[] buckets)
    {
        var array = new JsonArray();
        foreach (var (key, count) in buckets)
        {
            array.Add(new JsonObject { ["key"] = key, ["doc_count"] = count });
        }

        return new JsonObject { ["doc_count_error_upper_bound"] = 0, ["sum_other_doc_count"] = 0, ["buckets"] = array };
    }

    public static JsonObject Value(double? value) => new() { ["value"] = value };

    private static JsonObject Envelope() => new()
    {
        ["took"] = 3,
        ["timed_out"] = false,
        ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["skipped"] = 0, ["failed"] = 0 },
    };
}
