using ClientAggregation = Elastic.Clients.Elasticsearch.Aggregations.Aggregation;

namespace Etl.Elastic.Aggregations;

/// <summary>An aggregation in a search request, built as the official client's typed aggregation; sub-aggregations nest.</summary>
public abstract record Aggregation
{
    /// <summary>Aggregations computed inside each bucket of this one.</summary>
    public IReadOnlyDictionary<string, Aggregation>? SubAggregations { get; init; }

    /// <summary>The aggregation type name, e.g. <c>terms</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>This aggregation alone, without sub-aggregations.</summary>
    protected abstract ClientAggregation Build();

    /// <summary>This aggregation with its sub-aggregations.</summary>
    public ClientAggregation ToClient()
    {
        var aggregation = Build();
        if (SubAggregations is { Count: > 0 })
        {
            aggregation.Aggregations = ToClient(SubAggregations);
        }

        return aggregation;
    }

    /// <summary>A named set of aggregations as a request's <c>aggs</c>.</summary>
    public static Dictionary<string, ClientAggregation> ToClient(IReadOnlyDictionary<string, Aggregation> aggregations)
    {
        ArgumentNullException.ThrowIfNull(aggregations);
        var result = new Dictionary<string, ClientAggregation>(StringComparer.Ordinal);
        foreach (var (name, aggregation) in aggregations)
        {
            result[name] = aggregation.ToClient();
        }

        return result;
    }
}
