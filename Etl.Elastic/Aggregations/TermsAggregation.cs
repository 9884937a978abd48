using System.Text.Json.Nodes;

namespace Etl.Elastic.Aggregations;

/// <summary>Top values of a keyword field, e.g. the most used hashtags.</summary>
public sealed record TermsAggregation(string Field, int Size = 10) : Aggregation
{
    public long? MinDocCount { get; init; }

    public override string Kind => "terms";

    public override JsonObject Body()
    {
        var body = new JsonObject { ["field"] = Field, ["size"] = Size };
        if (MinDocCount is long min)
        {
            body["min_doc_count"] = min;
        }

        return body;
    }
}
