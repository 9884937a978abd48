using System.Text.Json;
using System.Text.Json.Nodes;

namespace Etl.Elastic.Aggregations;

/// <summary>
/// Typed access to a response's <c>aggregations</c> object (or to the sub-aggregations inside one bucket).
/// Holds a detached copy of the JSON, so it outlives the response document.
/// </summary>
public sealed class AggregationResults
{
    private readonly JsonElement _json;

    public AggregationResults(JsonElement json) => _json = json;

    public static AggregationResults Empty { get; } = new(JsonElement.Parse("{}"));

    /// <summary>Buckets of a terms aggregation; numeric keys come back as their <c>key_as_string</c> or decimal text.</summary>
    public IReadOnlyList<TermsBucket> Terms(string name) =>
        [.. Buckets(name).Select(b => new TermsBucket(KeyText(b), DocCount(b), new AggregationResults(b)))];

    /// <summary>Buckets of a date_histogram, in either the array form or the <c>keyed: true</c> object form.</summary>
    public IReadOnlyList<DateHistogramBucket> DateHistogram(string name) =>
        [.. Buckets(name).Select(b => new DateHistogramBucket(
            DateTimeOffset.FromUnixTimeMilliseconds(b.GetProperty("key").GetInt64()),
            b.TryGetProperty("key_as_string", out var s) ? s.GetString() : null,
            DocCount(b),
            new AggregationResults(b)))];

    /// <summary>One page of a composite aggregation and the key to ask for the next one.</summary>
    public CompositePage Composite(string name)
    {
        var aggregation = Get(name);
        var buckets = Buckets(name)
            .Select(b => new CompositeBucket(
                b.GetProperty("key").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal),
                DocCount(b),
                new AggregationResults(b)))
            .ToList();
        var afterKey = aggregation.TryGetProperty("after_key", out var after) && after.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(after.GetRawText())!.AsObject()
            : null;
        return new CompositePage(buckets, afterKey);
    }

    /// <summary>Value of a single-value metric (avg, sum...); null when there was nothing to aggregate.</summary>
    public double? Metric(string name)
    {
        var value = Get(name).GetProperty("value");
        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
    }

    public bool Contains(string name) => _json.ValueKind == JsonValueKind.Object && _json.TryGetProperty(name, out _);

    private JsonElement Get(string name)
    {
        if (_json.ValueKind == JsonValueKind.Object && _json.TryGetProperty(name, out var aggregation))
        {
            return aggregation;
        }

        var present = _json.ValueKind == JsonValueKind.Object
            ? string.Join(", ", _json.EnumerateObject().Select(p => p.Name))
            : "none";
        throw new KeyNotFoundException($"The response has no aggregation named '{name}' (present: {present}). Check the name used in the request.");
    }

    private IEnumerable<JsonElement> Buckets(string name)
    {
        var buckets = Get(name).GetProperty("buckets");
        return buckets.ValueKind switch
        {
            JsonValueKind.Array => buckets.EnumerateArray(),
            JsonValueKind.Object => buckets.EnumerateObject().Select(p => p.Value),
            _ => throw new InvalidDataException($"Aggregation '{name}' has 'buckets' of kind {buckets.ValueKind}; expected an array or object."),
        };
    }

    private static long DocCount(JsonElement bucket) => bucket.GetProperty("doc_count").GetInt64();

    private static string KeyText(JsonElement bucket)
    {
        if (bucket.TryGetProperty("key_as_string", out var text) && text.ValueKind == JsonValueKind.String)
        {
            return text.GetString()!;
        }

        var key = bucket.GetProperty("key");
        return key.ValueKind == JsonValueKind.String ? key.GetString()! : key.GetRawText();
    }
}
