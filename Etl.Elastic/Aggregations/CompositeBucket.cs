using System.Globalization;
using Elastic.Clients.Elasticsearch;

namespace Etl.Elastic.Aggregations;

/// <summary>One combination of composite source values.</summary>
public sealed record CompositeBucket(IReadOnlyDictionary<string, FieldValue> Key, long DocCount, AggregationResults Aggregations)
{
    /// <summary>A terms source's value as text (numbers as their decimal text).</summary>
    public string KeyString(string source)
    {
        var value = KeyValue(source);
        return value.TryGetString(out var text) ? text
            : value.TryGetLong(out var whole) ? whole!.Value.ToString(CultureInfo.InvariantCulture)
            : value.TryGetDouble(out var real) ? real!.Value.ToString(CultureInfo.InvariantCulture)
            : value.ToString();
    }

    /// <summary>A date_histogram source's value (epoch milliseconds) as a UTC time.</summary>
    public DateTimeOffset KeyDate(string source)
    {
        var value = KeyValue(source);
        return value.TryGetLong(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms!.Value)
            : value.TryGetDouble(out var real) ? DateTimeOffset.FromUnixTimeMilliseconds((long)real!.Value)
            : throw new InvalidDataException($"Composite key '{source}' is {value}, not epoch milliseconds; is it a date_histogram source?");
    }

    private FieldValue KeyValue(string source) =>
        Key.TryGetValue(source, out var value)
            ? value
            : throw new KeyNotFoundException(
                $"Composite key has no source '{source}' (sources: {string.Join(", ", Key.Keys)}). Use a source name from the request.");
}
