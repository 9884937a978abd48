namespace Etl.Elastic.Aggregations;

public sealed record TermsBucket(string Key, long DocCount, AggregationResults Aggregations);
