using Elastic.Clients.Elasticsearch.Aggregations;

namespace Etl.Elastic.Aggregations;

/// <summary>One key of a composite aggregation: a named terms or date_histogram source.</summary>
public sealed record CompositeSource(string Name, Aggregation Source)
{
    public static CompositeSource Terms(string name, string field) => new(name, new TermsAggregation(field));

    public static CompositeSource DateHistogram(string name, string field, string calendarInterval) =>
        new(name, new DateHistogramAggregation(field) { CalendarInterval = calendarInterval });

    /// <summary>The source as the client's composite source; composite sources take no size (the composite pages).</summary>
    public CompositeAggregationSource ToClient() => Source switch
    {
        TermsAggregation terms => new CompositeAggregationSource { Terms = new CompositeTermsAggregation { Field = terms.Field } },
        DateHistogramAggregation histogram => DateHistogramSource(histogram),
        _ => throw new InvalidOperationException($"Composite source '{Name}' is a {Source.Kind}; use a terms or date_histogram source."),
    };

    private static CompositeAggregationSource DateHistogramSource(DateHistogramAggregation histogram)
    {
        histogram.Validate();
        return new CompositeAggregationSource
        {
            DateHistogram = new CompositeDateHistogramAggregation
            {
                Field = histogram.Field,
                CalendarInterval = histogram.CalendarInterval,
                FixedInterval = histogram.FixedInterval,
                TimeZone = histogram.TimeZone,
                Format = histogram.Format,
            },
        };
    }
}
