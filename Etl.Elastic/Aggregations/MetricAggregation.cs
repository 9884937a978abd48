using Elastic.Clients.Elasticsearch.Aggregations;
using ClientAggregation = Elastic.Clients.Elasticsearch.Aggregations.Aggregation;

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

    protected override ClientAggregation Build() => Kind switch
    {
        "avg" => new ClientAggregation { Avg = new AverageAggregation { Field = Field } },
        "sum" => new ClientAggregation { Sum = new SumAggregation { Field = Field } },
        "min" => new ClientAggregation { Min = new MinAggregation { Field = Field } },
        "max" => new ClientAggregation { Max = new MaxAggregation { Field = Field } },
        "value_count" => new ClientAggregation { ValueCount = new ValueCountAggregation { Field = Field } },
        _ => new ClientAggregation { Cardinality = new CardinalityAggregation { Field = Field } },
    };
}
