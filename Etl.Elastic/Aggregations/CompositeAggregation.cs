using System.Text.Json.Nodes;

namespace Etl.Elastic.Aggregations;

/// <summary>
/// Every combination of the source keys, a page at a time. Pass the previous page's <c>after_key</c>
/// as <see cref="After"/> to get the next page.
/// </summary>
public sealed record CompositeAggregation(IReadOnlyList<CompositeSource> Sources, int Size = 100) : Aggregation
{
    public JsonObject? After { get; init; }

    public override string Kind => "composite";

    public override JsonObject Body()
    {
        if (Sources.Count == 0)
        {
            throw new InvalidOperationException("A composite aggregation needs at least one source.");
        }

        var sources = new JsonArray();
        foreach (var source in Sources)
        {
            sources.Add(source.ToJson());
        }

        var body = new JsonObject { ["size"] = Size, ["sources"] = sources };
        if (After is not null)
        {
            body["after"] = After.DeepClone();
        }

        return body;
    }
}
