namespace Etl.Elastic.Aggregations;

/// <summary>A date_histogram bucket; <see cref="Start"/> is the bucket's start in UTC.</summary>
public sealed record DateHistogramBucket(DateTimeOffset Start, string? KeyAsString, long DocCount, AggregationResults Aggregations);
