using Etl.Elastic.Aggregations;

namespace Etl.Elastic.Search;

/// <summary>A parsed <c>_search</c> response with hits deserialized to <typeparamref name="T"/>.</summary>
public sealed record SearchResponse<T>(long Took, bool TimedOut, TotalHits? Total, double? MaxScore, IReadOnlyList<SearchHit<T>> Hits, AggregationResults Aggregations)
{
    /// <summary>The point-in-time id to use for the next page (it may change between pages).</summary>
    public string? PointInTimeId { get; init; }
}
