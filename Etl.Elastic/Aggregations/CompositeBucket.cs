using System.Text.Json;

namespace Etl.Elastic.Aggregations;

/// <summary>One combination of composite source values.</summary>
public sealed record CompositeBucket(IReadOnlyDictionary<string, JsonElement> Key, long DocCount, AggregationResults Aggregations)
{
    /// <summary>A terms source's value as text (numbers as their decimal text).</summary>
    public string KeyString(string source)
    {
        var value = KeyValue(source);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    /// <summary>A date_histogram source's value (epoch milliseconds) as a UTC time.</summary>
    public DateTimeOffset KeyDate(string source) =>
        DateTimeOffset.FromUnixTimeMilliseconds(KeyValue(source).GetInt64());

    private JsonElement KeyValue(string source) =>
        Key.TryGetValue(source, out var value)
            ? value
            : throw new KeyNotFoundException(
                $"Composite key has no source '{source}' (sources: {string.Join(", ", Key.Keys)}). Use a source name from the request.");
}
