using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Elastic.Clients.Elasticsearch;
using OfficialClient = Elastic.Clients.Elasticsearch.ElasticsearchClient;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Etl.Elastic.Aggregations;
using Etl.Elastic.Serialization;
using Etl.Elastic.Transport;

namespace Etl.Elastic.Search;

/// <summary><c>_search</c> (with kNN and aggregations), <c>_count</c>, point-in-time paging and composite paging, over the official client.</summary>
public sealed class SearchClient
{
    private readonly OfficialClient _client;
    private readonly SourceTypeResolver _sources;

    internal SearchClient(OfficialClient client, SourceTypeResolver sources)
    {
        _client = client;
        _sources = sources;
    }

    /// <summary>Searches <paramref name="index"/> (an index, alias or pattern); pass null when the request carries a point in time.</summary>
    public async Task<SearchResponse<T>> SearchAsync<T>(string? index, SearchRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (request.PointInTime is not null && index is not null)
        {
            throw new ArgumentException($"A point-in-time search must not name an index (got '{index}'); the point in time already fixes it. Pass null.", nameof(index));
        }

        _sources.Register(typeInfo);
        var response = await ClientCall.RunAsync($"POST {index ?? "(point in time)"}/_search", () => _client.SearchAsync<T>(request.ToClient(index), cancellationToken));

        if (response.HitsMetadata is not { } hits)
        {
            throw new ElasticsearchException(
                $"_search on {index} answered without 'hits'. Check the URL points at Elasticsearch.", response.ApiCallDetails?.HttpStatusCode, null, isTransient: true);
        }

        TotalHits? total = hits.Total switch
        {
            null => null,
            var union => union.Match(
                t => new TotalHits(t!.Value, t.Relation == global::Elastic.Clients.Elasticsearch.Core.Search.TotalHitsRelation.Eq),
                n => new TotalHits(n, true)),
        };
        var list = hits.Hits
            .Select(h => new SearchHit<T>(h.Index, h.Id ?? "", h.Score, h.Source) { Sort = h.Sort })
            .ToList();
        return new SearchResponse<T>(response.Took, response.TimedOut, total, hits.MaxScore, list, new AggregationResults(response.Aggregations))
        {
            PointInTimeId = response.PitId,
        };
    }

    public async Task<long> CountAsync(string index, Query? query = null, CancellationToken cancellationToken = default)
    {
        var response = await ClientCall.RunAsync($"POST {index}/_count", () => _client.CountAsync(new global::Elastic.Clients.Elasticsearch.CountRequest(index) { Query = query }, cancellationToken));
        return response.Count;
    }

    public async Task<PointInTime> OpenPointInTimeAsync(string index, TimeSpan keepAlive, CancellationToken cancellationToken = default)
    {
        var response = await ClientCall.RunAsync($"POST {index}/_pit", () => _client.OpenPointInTimeAsync(
            new OpenPointInTimeRequest(index) { KeepAlive = ElasticsearchTimeUnits.Format(keepAlive) }, cancellationToken));
        return new PointInTime(response.Id, keepAlive);
    }

    /// <summary>Frees the point in time's resources; a PIT that already expired is not an error.</summary>
    public async Task ClosePointInTimeAsync(PointInTime pointInTime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pointInTime);
        await ClientCall.RunAsync("DELETE _pit", () => _client.ClosePointInTimeAsync(new ClosePointInTimeRequest { Id = pointInTime.Id }, cancellationToken), tolerated: 404);
    }

    /// <summary>
    /// Every hit of <paramref name="request"/>'s query, page by page, through a point in time with <c>search_after</c>,
    /// so the pages are consistent even while indexing goes on. The point in time is closed when enumeration ends.
    /// Without a sort in the request, hits come in <c>_shard_doc</c> order, the cheapest total order.
    /// </summary>
    public async IAsyncEnumerable<SearchHit<T>> ScanAsync<T>(
        string index,
        SearchRequest request,
        JsonTypeInfo<T> typeInfo,
        int pageSize = 1000,
        TimeSpan? keepAlive = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pit = await OpenPointInTimeAsync(index, keepAlive ?? TimeSpan.FromMinutes(1), cancellationToken);
        try
        {
            var page = request with
            {
                Size = pageSize,
                Sort = request.Sort ?? [Queries.ShardDoc],
                PointInTime = pit,
                Aggregations = null,
                SearchAfter = null,
            };
            while (true)
            {
                var response = await SearchAsync(null, page, typeInfo, cancellationToken);
                foreach (var hit in response.Hits)
                {
                    yield return hit;
                }

                // Elasticsearch may hand out a new PIT id with any page; the newest is the one to close.
                if (response.PointInTimeId is not null)
                {
                    pit = pit with { Id = response.PointInTimeId };
                }

                if (response.Hits.Count < pageSize || response.Hits[^1].Sort is null)
                {
                    break;
                }

                page = page with { PointInTime = pit, SearchAfter = response.Hits[^1].Sort };
            }
        }
        finally
        {
            await ClosePointInTimeAsync(pit, CancellationToken.None);
        }
    }

    /// <summary>
    /// Every bucket of a composite aggregation, following <c>after_key</c> until a page comes back empty.
    /// </summary>
    public async IAsyncEnumerable<CompositeBucket> CompositeAsync(
        string index,
        CompositeAggregation aggregation,
        Query? query = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregation);
        const string name = "composite";
        var current = aggregation;
        while (true)
        {
            var request = new SearchRequest
            {
                Query = query,
                Size = 0,
                Source = false,
                Aggregations = new Dictionary<string, Aggregation>(StringComparer.Ordinal) { [name] = current },
            };
            var response = await SearchAsync(index, request, ElasticJsonNodeContext.Default.JsonNode, cancellationToken);
            var page = response.Aggregations.Composite(name);
            foreach (var bucket in page.Buckets)
            {
                yield return bucket;
            }

            if (page.Buckets.Count == 0 || page.AfterKey is null)
            {
                yield break;
            }

            current = current with { After = page.AfterKey };
        }
    }
}
