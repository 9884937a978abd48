using Elastic.Clients.Elasticsearch;
using ClientAggregation = Elastic.Clients.Elasticsearch.Aggregations.Aggregation;

namespace Etl.Elastic.Aggregations;

/// <summary>
/// Buckets by time. Give exactly one of <see cref="CalendarInterval"/> (<c>1h</c>, <c>1d</c>, <c>1M</c>: calendar-aware)
/// or <see cref="FixedInterval"/> (<c>15m</c>, <c>90s</c>: fixed length).
/// </summary>
public sealed record DateHistogramAggregation(string Field) : Aggregation
{
    public string? CalendarInterval { get; init; }

    public string? FixedInterval { get; init; }

    /// <summary>e.g. <c>Europe/Berlin</c> or <c>-01:00</c>; buckets start at local midnight.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Format of <c>key_as_string</c>, e.g. <c>yyyy-MM-dd</c>.</summary>
    public string? Format { get; init; }

    public long? MinDocCount { get; init; }

    public override string Kind => "date_histogram";

    protected override ClientAggregation Build()
    {
        Validate();
        return new ClientAggregation
        {
            DateHistogram = new global::Elastic.Clients.Elasticsearch.Aggregations.DateHistogramAggregation
            {
                Field = Field,
                CalendarInterval = CalendarInterval is null ? null : CalendarIntervals.Parse(CalendarInterval),
                FixedInterval = FixedInterval is null ? null : (Duration)FixedInterval,
                TimeZone = TimeZone,
                Format = Format,
                MinDocCount = (int?)MinDocCount,
            },
        };
    }

    /// <summary>Exactly one interval kind.</summary>
    internal void Validate()
    {
        if ((CalendarInterval is null) == (FixedInterval is null))
        {
            throw new InvalidOperationException(
                $"date_histogram on '{Field}' needs exactly one of CalendarInterval (e.g. 1d) or FixedInterval (e.g. 15m); " +
                $"got calendar '{CalendarInterval}' and fixed '{FixedInterval}'.");
        }
    }
}
