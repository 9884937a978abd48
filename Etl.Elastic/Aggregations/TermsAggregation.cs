using ClientAggregation = Elastic.Clients.Elasticsearch.Aggregations.Aggregation;

namespace Etl.Elastic.Aggregations;

/// <summary>Top values of a keyword field, e.g. the most used hashtags.</summary>
public sealed record TermsAggregation(string Field, int Size = 10) : Aggregation
{
    public long? MinDocCount { get; init; }

    public override string Kind => "terms";

    protected override ClientAggregation Build() =>
        new() { Terms = new global::Elastic.Clients.Elasticsearch.Aggregations.TermsAggregation { Field = Field, Size = Size, MinDocCount = (int?)MinDocCount } };
}
