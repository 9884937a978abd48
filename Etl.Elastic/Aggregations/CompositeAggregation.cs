using Elastic.Clients.Elasticsearch;
using ClientAggregation = Elastic.Clients.Elasticsearch.Aggregations.Aggregation;

namespace Etl.Elastic.Aggregations;

/// <summary>
/// Every combination of the source keys, a page at a time. Pass the previous page's <c>after_key</c>
/// as <see cref="After"/> to get the next page.
/// </summary>
public sealed record CompositeAggregation(IReadOnlyList<CompositeSource> Sources, int Size = 100) : Aggregation
{
    public IReadOnlyDictionary<string, FieldValue>? After { get; init; }

    public override string Kind => "composite";

    protected override ClientAggregation Build()
    {
        if (Sources.Count == 0)
        {
            throw new InvalidOperationException("A composite aggregation needs at least one source.");
        }

        return new ClientAggregation
        {
            Composite = new global::Elastic.Clients.Elasticsearch.Aggregations.CompositeAggregation
            {
                Size = Size,
                Sources = [.. Sources.Select(s => new KeyValuePair<string, global::Elastic.Clients.Elasticsearch.Aggregations.CompositeAggregationSource>(s.Name, s.ToClient()))],
                After = After?.ToDictionary(kv => new Field(kv.Key), kv => kv.Value),
            },
        };
    }
}
