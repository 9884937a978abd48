using System.Text.Json.Nodes;

namespace Etl.Elastic.Aggregations;

/// <summary>An aggregation in a search request. Subclasses write their own body; sub-aggregations nest under <c>aggs</c>.</summary>
public abstract record Aggregation
{
    /// <summary>Aggregations computed inside each bucket of this one.</summary>
    public IReadOnlyDictionary<string, Aggregation>? SubAggregations { get; init; }

    /// <summary>The aggregation type name, e.g. <c>terms</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The object under <see cref="Kind"/>.</summary>
    public abstract JsonObject Body();

    /// <summary><c>{"&lt;kind&gt;": {...}, "aggs": {...}}</c>.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { [Kind] = Body() };
        if (SubAggregations is { Count: > 0 })
        {
            json["aggs"] = ToJson(SubAggregations);
        }

        return json;
    }

    /// <summary>A named set of aggregations as a request's <c>aggs</c> object.</summary>
    public static JsonObject ToJson(IReadOnlyDictionary<string, Aggregation> aggregations)
    {
        ArgumentNullException.ThrowIfNull(aggregations);
        var json = new JsonObject();
        foreach (var (name, aggregation) in aggregations)
        {
            json[name] = aggregation.ToJson();
        }

        return json;
    }
}
