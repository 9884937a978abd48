using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Etl.Elastic.Aggregations;
using Etl.Elastic.Transport;
using ClientSearchRequest = Elastic.Clients.Elasticsearch.SearchRequest;

namespace Etl.Elastic.Search;

/// <summary>What a <c>_search</c> asks for, in the client's typed query DSL; <see cref="ToClient"/> builds the request.</summary>
public sealed record SearchRequest
{
    public Query? Query { get; init; }

    public KnnQuery? Knn { get; init; }

    public int? Size { get; init; }

    /// <summary>Fields of <c>_source</c> to return (vectors included when named); null returns all of it.</summary>
    public IReadOnlyList<string>? SourceIncludes { get; init; }

    /// <summary>False leaves <c>_source</c> out (for aggregation-only searches).</summary>
    public bool Source { get; init; } = true;

    public IReadOnlyList<SortOptions>? Sort { get; init; }

    /// <summary>The previous page's last sort values.</summary>
    public IReadOnlyCollection<FieldValue>? SearchAfter { get; init; }

    /// <summary>Search a point in time instead of an index (the request must then name no index).</summary>
    public PointInTime? PointInTime { get; init; }

    public IReadOnlyDictionary<string, Aggregation>? Aggregations { get; init; }

    /// <summary>True counts every hit exactly; null keeps Elasticsearch's default (exact up to 10,000).</summary>
    public bool? TrackTotalHits { get; init; }

    public ClientSearchRequest ToClient(string? index)
    {
        var request = index is null ? new ClientSearchRequest() : new ClientSearchRequest(index);
        request.Query = Query;
        request.Knn = Knn is null ? null : [Knn.ToClient()];
        request.Size = Size;
        if (!Source)
        {
            request.Source = new SourceConfig(false);
        }
        else if (SourceIncludes is not null)
        {
            request.Source = new SourceConfig(new SourceFilter { Includes = SourceIncludes.ToArray() });
            // Elasticsearch 9 leaves dense vectors out of _source by default; fields named explicitly are wanted.
            request.SourceExcludeVectors = false;
        }

        request.Sort = Sort is null ? null : [.. Sort];
        request.SearchAfter = SearchAfter is null ? null : [.. SearchAfter];
        request.Pit = PointInTime is null
            ? null
            : new PointInTimeReference(PointInTime.Id) { KeepAlive = ElasticsearchTimeUnits.Format(PointInTime.KeepAlive) };
        request.Aggregations = Aggregations is { Count: > 0 } ? Aggregation.ToClient(Aggregations) : null;
        request.TrackTotalHits = TrackTotalHits is bool track ? new TrackHits(track) : null;
        return request;
    }
}
