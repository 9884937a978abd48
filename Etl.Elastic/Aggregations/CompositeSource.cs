using System.Text.Json.Nodes;

namespace Etl.Elastic.Aggregations;

/// <summary>One key of a composite aggregation: a named terms or date_histogram source.</summary>
public sealed record CompositeSource(string Name, Aggregation Source)
{
    public static CompositeSource Terms(string name, string field) => new(name, new TermsAggregation(field));

    public static CompositeSource DateHistogram(string name, string field, string calendarInterval) =>
        new(name, new DateHistogramAggregation(field) { CalendarInterval = calendarInterval });

    public JsonObject ToJson()
    {
        if (Source is not (TermsAggregation or DateHistogramAggregation))
        {
            throw new InvalidOperationException($"Composite source '{Name}' is a {Source.Kind}; use a terms or date_histogram source.");
        }

        var body = Source.Body();
        // Composite sources take no size: the composite's own size pages through all combinations.
        body.Remove("size");
        return new JsonObject { [Name] = new JsonObject { [Source.Kind] = body } };
    }
}
