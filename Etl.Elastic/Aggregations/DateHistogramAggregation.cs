using System.Text.Json.Nodes;

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

    public override JsonObject Body()
    {
        if ((CalendarInterval is null) == (FixedInterval is null))
        {
            throw new InvalidOperationException(
                $"date_histogram on '{Field}' needs exactly one of CalendarInterval (e.g. 1d) or FixedInterval (e.g. 15m); " +
                $"got calendar '{CalendarInterval}' and fixed '{FixedInterval}'.");
        }

        var body = new JsonObject { ["field"] = Field };
        if (CalendarInterval is not null)
        {
            body["calendar_interval"] = CalendarInterval;
        }

        if (FixedInterval is not null)
        {
            body["fixed_interval"] = FixedInterval;
        }

        if (TimeZone is not null)
        {
            body["time_zone"] = TimeZone;
        }

        if (Format is not null)
        {
            body["format"] = Format;
        }

        if (MinDocCount is long min)
        {
            body["min_doc_count"] = min;
        }

        return body;
    }
}
