using Elastic.Clients.Elasticsearch.Aggregations;

namespace Etl.Elastic.Aggregations;

/// <summary>Elasticsearch's calendar interval names (<c>1m</c>, <c>hour</c>, <c>1d</c>, <c>1M</c>...) as the client's enum.</summary>
public static class CalendarIntervals
{
    public static CalendarInterval Parse(string text) => text switch
    {
        "1s" or "second" => CalendarInterval.Second,
        "1m" or "minute" => CalendarInterval.Minute,
        "1h" or "hour" => CalendarInterval.Hour,
        "1d" or "day" => CalendarInterval.Day,
        "1w" or "week" => CalendarInterval.Week,
        "1M" or "month" => CalendarInterval.Month,
        "1q" or "quarter" => CalendarInterval.Quarter,
        "1y" or "year" => CalendarInterval.Year,
        _ => throw new ArgumentException(
            $"'{text}' is not a calendar interval. Use one of 1s, 1m, 1h, 1d, 1w, 1M, 1q, 1y, or a FixedInterval such as 15m.", nameof(text)),
    };
}
