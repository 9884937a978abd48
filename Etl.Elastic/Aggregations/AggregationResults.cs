using System.Globalization;
using Elastic.Clients.Elasticsearch.Aggregations;

namespace Etl.Elastic.Aggregations;

/// <summary>
/// Typed access to a response's aggregations (or to the sub-aggregations inside one bucket), as the official client
/// read them (it asks for <c>typed_keys</c>, so every aggregate arrives as its own type).
/// </summary>
public sealed class AggregationResults
{
    private readonly AggregateDictionary? _aggregates;

    public AggregationResults(AggregateDictionary? aggregates) => _aggregates = aggregates;

    public static AggregationResults Empty { get; } = new(null);

    /// <summary>Buckets of a terms aggregation; numeric keys come back as their <c>key_as_string</c> or decimal text.</summary>
    public IReadOnlyList<TermsBucket> Terms(string name) => Get(name) switch
    {
        StringTermsAggregate s => [.. s.Buckets.Select(b => new TermsBucket(b.Key.ToString(), b.DocCount, new AggregationResults(b.Aggregations)))],
        LongTermsAggregate l => [.. l.Buckets.Select(b => new TermsBucket(b.KeyAsString ?? b.Key.ToString(CultureInfo.InvariantCulture), b.DocCount, new AggregationResults(b.Aggregations)))],
        DoubleTermsAggregate d => [.. d.Buckets.Select(b => new TermsBucket(b.KeyAsString ?? b.Key.ToString(CultureInfo.InvariantCulture), b.DocCount, new AggregationResults(b.Aggregations)))],
        // A terms aggregation on a field no document has: Elasticsearch answers "umterms" with no buckets.
        UnmappedTermsAggregate => [],
        var other => throw WrongKind(name, "terms", other),
    };

    /// <summary>Buckets of a date_histogram, in either the array form or the <c>keyed: true</c> object form.</summary>
    public IReadOnlyList<DateHistogramBucket> DateHistogram(string name) => Get(name) is global::Elastic.Clients.Elasticsearch.Aggregations.DateHistogramAggregate h
        ? [.. h.Buckets.Select(b => new DateHistogramBucket(b.Key, b.KeyAsString, b.DocCount, new AggregationResults(b.Aggregations)))]
        : throw WrongKind(name, "date_histogram", Get(name));

    /// <summary>One page of a composite aggregation and the key to ask for the next one.</summary>
    public CompositePage Composite(string name)
    {
        if (Get(name) is not CompositeAggregate composite)
        {
            throw WrongKind(name, "composite", Get(name));
        }

        var buckets = composite.Buckets
            .Select(b => new CompositeBucket(b.Key, b.DocCount, new AggregationResults(b.Aggregations)))
            .ToList();
        return new CompositePage(buckets, composite.AfterKey);
    }

    /// <summary>Value of a single-value metric (avg, sum...); null when there was nothing to aggregate.</summary>
    public double? Metric(string name) => Get(name) switch
    {
        AverageAggregate a => a.Value,
        SumAggregate s => s.Value,
        MinAggregate m => m.Value,
        MaxAggregate m => m.Value,
        ValueCountAggregate v => v.Value,
        CardinalityAggregate c => c.Value,
        var other => throw WrongKind(name, "single-value metric", other),
    };

    public bool Contains(string name) => _aggregates is not null && _aggregates.ContainsKey(name);

    private IAggregate Get(string name)
    {
        if (_aggregates is not null && _aggregates.TryGetValue(name, out var aggregate))
        {
            return aggregate;
        }

        var present = _aggregates is { Count: > 0 } ? string.Join(", ", _aggregates.Keys) : "none";
        throw new KeyNotFoundException($"The response has no aggregation named '{name}' (present: {present}). Check the name used in the request.");
    }

    private static InvalidDataException WrongKind(string name, string expected, IAggregate actual) =>
        new($"Aggregation '{name}' came back as {actual.GetType().Name}, not a {expected} aggregation. Check the request's aggregation type.");
}
