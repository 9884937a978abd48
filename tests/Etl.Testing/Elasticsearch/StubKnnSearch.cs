using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Etl.Testing.Elasticsearch;

/// <summary>
/// The stub's one evaluated query: a top-level <c>knn</c> search, answered as Elasticsearch would with exact cosine
/// similarity over the documents the stub holds — so a test can show semantic search finds what it should. Vectors are
/// read as the worker writes them (base64 float32 big-endian) or as JSON arrays; hits are scored
/// <c>(1 + cosine) / 2</c> (Elasticsearch's score for a <c>cosine</c> dense_vector). The kNN <c>filter</c> understands
/// <c>bool</c> (filter, must, must_not), <c>term</c>, <c>terms</c>, <c>range</c>, <c>exists</c> and <c>match_all</c>;
/// anything else is a 400 naming the query, never a silent match. An index name matches its own documents and, as
/// our alias does, those of <c>name-*</c> indices.
/// </summary>
public static class StubKnnSearch
{
    public static bool IsKnnSearch(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method is not ("POST" or "GET") || !request.Path.EndsWith("/_search", StringComparison.Ordinal) || request.Body.Length == 0)
        {
            return false;
        }

        try
        {
            using var body = JsonDocument.Parse(request.Body);
            return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("knn", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static (int Status, string Body) Answer(RecordedRequest request, IEnumerable<StubDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(documents);
        var target = Uri.UnescapeDataString(request.Path[1..^"/_search".Length]);
        var body = JsonNode.Parse(request.Body)!.AsObject();
        var knn = body["knn"] is JsonArray many ? many[0]!.AsObject() : body["knn"]!.AsObject();
        var field = knn["field"]!.GetValue<string>();
        var query = knn["query_vector"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
        var k = knn["k"]?.GetValue<int>() ?? 10;
        var size = body["size"]?.GetValue<int>() ?? k;
        var filter = knn["filter"] is JsonArray filters ? filters : knn["filter"] is { } one ? new JsonArray(one.DeepClone()) : [];
        var includes = Includes(body["_source"]);

        var scored = new List<(StubDocument Document, JsonObject Source, double Score)>();
        foreach (var document in documents)
        {
            if (document.Source is null || !Matches(document.Index, target) || JsonNode.Parse(document.Source) is not JsonObject source)
            {
                continue;
            }

            if (Vector(Field(source, field)) is not { } vector || vector.Length != query.Length)
            {
                continue;
            }

            try
            {
                if (!filter.All(f => Evaluate(f!.AsObject(), source)))
                {
                    continue;
                }
            }
            catch (NotSupportedException ex)
            {
                return (400, ElasticsearchErrorBodies.Error(400, "parsing_exception", ex.Message));
            }

            scored.Add((document, source, (1 + Cosine(query, vector)) / 2));
        }

        var hits = new JsonArray();
        foreach (var (document, source, score) in scored.OrderByDescending(s => s.Score).Take(Math.Min(k, size)))
        {
            hits.Add(new JsonObject
            {
                ["_index"] = document.Index,
                ["_id"] = document.Id,
                ["_score"] = score,
                ["_source"] = includes is null ? source.DeepClone() : Project(source, includes),
            });
        }

        var response = new JsonObject
        {
            ["took"] = 1,
            ["timed_out"] = false,
            ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["skipped"] = 0, ["failed"] = 0 },
            ["hits"] = new JsonObject
            {
                ["total"] = new JsonObject { ["value"] = hits.Count, ["relation"] = "eq" },
                ["max_score"] = hits.Count > 0 ? hits[0]!["_score"]!.DeepClone() : null,
                ["hits"] = hits,
            },
        };
        return (200, response.ToJsonString());
    }

    private static bool Matches(string index, string target) =>
        target.Split(',').Any(t => t.EndsWith('*')
            ? index.StartsWith(t[..^1], StringComparison.Ordinal)
            : index == t || index.StartsWith(t + "-", StringComparison.Ordinal));

    private static string[]? Includes(JsonNode? source) => source switch
    {
        JsonObject o when o["includes"] is JsonArray a => [.. a.Select(n => n!.GetValue<string>())],
        JsonArray a => [.. a.Select(n => n!.GetValue<string>())],
        JsonValue v when v.TryGetValue<string>(out var one) => [one],
        _ => null,
    };

    private static JsonObject Project(JsonObject source, string[] includes)
    {
        var projected = new JsonObject();
        foreach (var name in includes)
        {
            if (source[name] is { } value)
            {
                projected[name] = value.DeepClone();
            }
        }

        return projected;
    }

    /// <summary>A field by dotted path through objects (or a literal dotted key).</summary>
    private static JsonNode? Field(JsonObject source, string path)
    {
        if (source.TryGetPropertyValue(path, out var literal))
        {
            return literal;
        }

        JsonNode? node = source;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var next) ? next : null;
        }

        return node;
    }

    private static float[]? Vector(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                return [.. array.Select(v => v!.GetValue<float>())];
            case JsonValue value when value.TryGetValue<string>(out var base64):
                var bytes = Convert.FromBase64String(base64);
                var vector = new float[bytes.Length / 4];
                for (var i = 0; i < vector.Length; i++)
                {
                    vector[i] = BinaryPrimitives.ReadSingleBigEndian(bytes.AsSpan(i * 4, 4));
                }

                return vector;
            default:
                return null;
        }
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    private static bool Evaluate(JsonObject query, JsonObject source)
    {
        var (kind, spec) = query.Single();
        switch (kind)
        {
            case "match_all":
                return true;
            case "bool":
                var clauses = spec!.AsObject();
                return All(clauses["filter"]).All(q => Evaluate(q, source))
                    && All(clauses["must"]).All(q => Evaluate(q, source))
                    && !All(clauses["must_not"]).Any(q => Evaluate(q, source))
                    && (clauses["should"] is null ? true : throw new NotSupportedException("ElasticsearchStub's kNN filter does not evaluate bool.should."));
            case "term":
            {
                var (name, condition) = spec!.AsObject().Single();
                var wanted = condition is JsonObject o ? o["value"] : condition;
                return Values(Field(source, name)).Any(v => Same(v, wanted));
            }

            case "terms":
            {
                var (name, list) = spec!.AsObject().Single();
                return Values(Field(source, name)).Any(v => list!.AsArray().Any(w => Same(v, w)));
            }

            case "exists":
                return Field(source, spec!["field"]!.GetValue<string>()) is not null;
            case "range":
            {
                var (name, bounds) = spec!.AsObject().Single();
                return Values(Field(source, name)).Any(v => bounds!.AsObject().All(b => InRange(v, b.Key, b.Value)));
            }

            default:
                throw new NotSupportedException($"ElasticsearchStub's kNN filter does not evaluate '{kind}' queries; extend StubKnnSearch or enqueue the answer.");
        }
    }

    private static IEnumerable<JsonObject> All(JsonNode? clauses) => clauses switch
    {
        null => [],
        JsonArray array => array.Select(q => q!.AsObject()),
        _ => [clauses.AsObject()],
    };

    private static JsonNode?[] Values(JsonNode? node) => node is JsonArray array ? [.. array] : node is null ? [] : [node];

    private static bool Same(JsonNode? value, JsonNode? wanted) =>
        value is not null && wanted is not null && Text(value) == Text(wanted);

    private static string Text(JsonNode node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();

    private static bool InRange(JsonNode? value, string bound, JsonNode? limit)
    {
        if (value is null || limit is null)
        {
            return false;
        }

        if (bound is "format" or "time_zone")
        {
            return true;
        }

        int order;
        if (DateTimeOffset.TryParse(Text(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && DateTimeOffset.TryParse(Text(limit), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var edge))
        {
            order = at.CompareTo(edge);
        }
        else
        {
            order = double.Parse(Text(value), CultureInfo.InvariantCulture).CompareTo(double.Parse(Text(limit), CultureInfo.InvariantCulture));
        }

        return bound switch
        {
            "gte" => order >= 0,
            "gt" => order > 0,
            "lte" => order <= 0,
            "lt" => order < 0,
            _ => throw new NotSupportedException($"ElasticsearchStub's kNN filter does not evaluate range bound '{bound}'."),
        };
    }
}
