using System.Globalization;
using Etl.Elastic;
using Etl.Elastic.Aggregations;
using Etl.Elastic.Search;
using Etl.Elastic.Serialization;
using Etl.Elastic.Transport;
using Etl.Enrichment.Embedding;
using Etl.Schemas.Naming;
using Etl.Scheduler.Rollups;
using Etl.Scheduler.Serialization;
using Microsoft.Extensions.Caching.Memory;

namespace Etl.Scheduler.Api;

/// <summary>
/// The query API: semantic search (the query embedded with the pipeline's embedder, then kNN), latest trends and top
/// hashtags. Answers are cached briefly per query string, so a dashboard polling a hot query costs one search.
/// </summary>
public static class QueryEndpoints
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);
    private const int MaxK = 100;

    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/search", (HttpContext http, string? q, int? k, string? since, IEmbedder embedder, ElasticsearchClient elasticsearch, IMemoryCache cache, TimeProvider clock) =>
        {
            if (string.IsNullOrWhiteSpace(q))
            {
                return Task.FromResult(Results.BadRequest(new { error = "q is empty. Pass the text to search for, e.g. /api/search?q=solar+eclipse." }));
            }

            var count = k ?? 10;
            if (count is < 1 or > MaxK)
            {
                return Task.FromResult(Results.BadRequest(new { error = $"k={count} is outside 1..{MaxK}." }));
            }

            if (!TryParseSince(since, clock, out var from, out var problem))
            {
                return Task.FromResult(Results.BadRequest(new { error = problem }));
            }

            return Cached(cache, http, async () =>
            {
                var vector = (await embedder.EmbedAsync([q], http.RequestAborted))[0];
                var knn = new KnnQuery("embedding", vector, count, Math.Min(KnnQuery.MaxCandidates, Math.Max(100, count * 10)))
                {
                    Filter = from is { } f ? RollupQuery.Range(f, clock.GetUtcNow().AddYears(1)) : null,
                };
                var request = new SearchRequest { Knn = knn, Size = count, SourceIncludes = ["id", "created_at", "text", "hashtags"] };
                var response = await elasticsearch.Search.SearchAsync(IndexNames.TweetsAlias, request, SchedulerJsonContext.Default.TrendSourceDocument, http.RequestAborted);
                return response.Hits.Where(h => h.Source is not null)
                    .Select(h => new SearchHitResult(h.Id, h.Source!.CreatedAt, h.Source.Text, h.Source.Hashtags, h.Score)).ToList();
            });
        });

        endpoints.MapGet("/api/trends", (HttpContext http, int? size, ElasticsearchClient elasticsearch, IMemoryCache cache) =>
            Cached(cache, http, async () =>
            {
                var request = new SearchRequest
                {
                    Size = Math.Clamp(size ?? 20, 1, 200),
                    Sort = [Queries.Descending("window_start"), Queries.Descending("score")],
                };
                try
                {
                    var response = await elasticsearch.Search.SearchAsync(IndexNames.Trends, request, SchedulerJsonContext.Default.TrendDocument, http.RequestAborted);
                    return response.Hits.Where(h => h.Source is not null).Select(h => TrendSummary.From(h.Source!)).ToList();
                }
                catch (ElasticsearchException ex) when (ex.Status == 404)
                {
                    return [];
                }
            }));

        endpoints.MapGet("/api/hashtags/top", (HttpContext http, string? window, int? size, ElasticsearchClient elasticsearch, IMemoryCache cache, TimeProvider clock) =>
        {
            if (!TryParseSince(window ?? "1h", clock, out var from, out var problem))
            {
                return Task.FromResult(Results.BadRequest(new { error = problem }));
            }

            return Cached(cache, http, async () =>
            {
                var request = new SearchRequest
                {
                    Size = 0,
                    Source = false,
                    Query = RollupQuery.Range(from!.Value, clock.GetUtcNow().AddYears(1)),
                    Aggregations = new Dictionary<string, Aggregation>(StringComparer.Ordinal) { ["top"] = new TermsAggregation("hashtags", Math.Clamp(size ?? 20, 1, 100)) },
                };
                var response = await elasticsearch.Search.SearchAsync(IndexNames.TweetsAlias, request, ElasticJsonNodeContext.Default.JsonNode, http.RequestAborted);
                return response.Aggregations.Terms("top").Select(b => new HashtagCount(b.Key, b.DocCount)).ToList();
            });
        });
        return endpoints;
    }

    /// <summary>Accepts a look-back (<c>15m</c>, <c>2h</c>, <c>7d</c>) or an ISO 8601 instant; empty means no lower bound.</summary>
    public static bool TryParseSince(string? text, TimeProvider clock, out DateTimeOffset? since, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(clock);
        since = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var unit = text[^1];
        if (text.Length > 1 && "mhd".Contains(unit, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            since = clock.GetUtcNow() - (unit switch { 'm' => TimeSpan.FromMinutes(amount), 'h' => TimeSpan.FromHours(amount), _ => TimeSpan.FromDays(amount) });
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            since = instant;
            return true;
        }

        problem = $"'{text}' is neither a look-back like 15m, 2h, 7d nor an ISO 8601 time like 2024-05-01T00:00:00Z.";
        return false;
    }

    private static async Task<IResult> Cached<T>(IMemoryCache cache, HttpContext http, Func<Task<T>> compute)
    {
        var key = "query:" + http.Request.Path + http.Request.QueryString;
        if (!cache.TryGetValue(key, out T? value))
        {
            value = await compute();
            cache.Set(key, value, CacheFor);
        }

        return Results.Ok(value);
    }
}
