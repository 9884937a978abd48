using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Etl.Elastic.Aggregations;
using Etl.Elastic.Serialization;
using Etl.Elastic.Transport;

namespace Etl.Elastic.Search;

/// <summary><c>_search</c> (with kNN and aggregations), <c>_count</c>, point-in-time paging and composite paging.</summary>
public sealed class SearchClient
{
    private readonly ElasticsearchTransport _transport;

    public SearchClient(ElasticsearchTransport transport) => _transport = transport;

    /// <summary>Searches <paramref name="index"/> (an index, alias or pattern); pass null when the request carries a point in time.</summary>
    public async Task<SearchResponse<T>> SearchAsync<T>(string? index, SearchRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PointInTime is not null && index is not null)
        {
            throw new ArgumentException($"A point-in-time search must not name an index (got '{index}'); the point in time already fixes it. Pass null.", nameof(index));
        }

        var path = index is null ? "_search" : $"{Uri.EscapeDataString(index)}/_search";
        using var content = ElasticsearchTransport.Json(request.ToJson());
        using var document = await _transport.SendAsync(HttpMethod.Post, path, content, cancellationToken);
        return SearchResponseReader.Parse(document!.RootElement, typeInfo);
    }

    public async Task<long> CountAsync(string index, JsonNode? query = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject();
        if (query is not null)
        {
            body["query"] = query.DeepClone();
        }

        using var content = ElasticsearchTransport.Json(body);
        using var document = await _transport.SendAsync(HttpMethod.Post, $"{Uri.EscapeDataString(index)}/_count", content, cancellationToken);
        return document!.RootElement.GetProperty("count").GetInt64();
    }

    public async Task<PointInTime> OpenPointInTimeAsync(string index, TimeSpan keepAlive, CancellationToken cancellationToken = default)
    {
        var path = $"{Uri.EscapeDataString(index)}/_pit?keep_alive={ElasticsearchTimeUnits.Format(keepAlive)}";
        using var document = await _transport.SendAsync(HttpMethod.Post, path, null, cancellationToken);
        return new PointInTime(document!.RootElement.GetProperty("id").GetString()!, keepAlive);
    }

    /// <summary>Frees the point in time's resources; a PIT that already expired is not an error.</summary>
    public async Task ClosePointInTimeAsync(PointInTime pointInTime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pointInTime);
        using var content = ElasticsearchTransport.Json(new JsonObject { ["id"] = pointInTime.Id });
        using var _ = await _transport.SendAsync(HttpMethod.Delete, "_pit", content, cancellationToken, notFoundIsNull: true);
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
                Sort = request.Sort ?? [new JsonObject { ["_shard_doc"] = "asc" }],
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
        JsonNode? query = null,
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
