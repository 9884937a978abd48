namespace Etl.Stack.Tests.Elasticsearch;

/// <summary>How a Kibana object uses a field; each usage needs a different kind of mapping.</summary>
public enum FieldUsage
{
    /// <summary>A data view's time field, a date histogram, or a last-value sort: needs a date.</summary>
    Time,

    /// <summary>Terms buckets, unique counts, last values, categorical colours: needs doc values (not <c>text</c>).</summary>
    Aggregated,

    /// <summary>Sum, average, min, max, median: needs a number.</summary>
    Numeric,

    /// <summary>Map layer geometry: needs <c>geo_point</c> or <c>geo_shape</c>.</summary>
    Geometry,

    /// <summary>Shown (tooltips) or queried (KQL): the field only has to exist.</summary>
    Present,
}
