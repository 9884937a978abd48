using System.Text.Json.Nodes;

namespace Etl.Elastic.Aggregations;

/// <summary>A single-value metric: <c>avg</c>, <c>sum</c>, <c>min</c>, <c>max</c>, <c>value_count</c>, <c>cardinality</c>.</summary>
public sealed record MetricAggregation : Aggregation
{
    private static readonly HashSet<string> Kinds = ["avg", "sum", "min", "max", "value_count", "cardinality"];

    public MetricAggregation(string kind, string field)
    {
        if (!Kinds.Contains(kind))
        {
            throw new ArgumentException($"Unknown metric '{kind}'. Use one of: {string.Join(", ", Kinds)}.", nameof(kind));
        }

        Kind = kind;
        Field = field;
    }

    public override string Kind { get; }

    public string Field { get; }

    public static MetricAggregation Avg(string field) => new("avg", field);

    public static MetricAggregation Sum(string field) => new("sum", field);

    public override JsonObject Body() => new() { ["field"] = Field };
}
