using System.Globalization;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Etl.Elastic;
using Etl.Elastic.Aggregations;
using Etl.Elastic.Search;
using Etl.Elastic.Serialization;
using Etl.Elastic.Transport;
using Etl.Enrichment.Embedding;
using Etl.Schemas.Naming;
using Etl.Scheduler.Serialization;

namespace Etl.Scheduler.Api;

/// <summary>
/// The query API: semantic search (the query embedded with the pipeline's embedder, then kNN over the documents that
/// embedder produced, with filters), latest trends and top hashtags. Answers are cached briefly, keyed on the
/// normalised parameters, so a dashboard polling a hot query costs one search.
/// </summary>
public static class QueryEndpoints
{
    private const int MaxK = 100;

    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/search", async (HttpContext http, string? q, int? k, string? since, string? lang, string? hashtag, string? sentiment,
            IEmbedder embedder, ElasticsearchClient elasticsearch, QueryCache cache, TimeProvider clock) =>
        {
            if (string.IsNullOrWhiteSpace(q))
            {
                return Results.BadRequest(new { error = "q is empty. Pass the text to search for, e.g. /api/search?q=solar+eclipse." });
            }

            var count = k ?? 10;
            if (count is < 1 or > MaxK)
            {
                return Results.BadRequest(new { error = $"k={count} is outside 1..{MaxK}." });
            }

            if (!TryParseSince(since, clock, out var from, out var problem))
            {
                return Results.BadRequest(new { error = problem });
            }

            var text = QueryCacheKey.Normalize(q);
            var key = QueryCacheKey.Of("search", ("q", text), ("k", count), ("since", since), ("lang", lang), ("hashtag", hashtag), ("sentiment", sentiment));
            var hits = await cache.GetOrComputeAsync(key, async () =>
            {
                var vector = (await embedder.EmbedAsync([text], http.RequestAborted))[0];
                var knn = new KnnQuery("embedding", vector, count, Math.Min(KnnQuery.MaxCandidates, Math.Max(100, count * 10)))
                {
                    Filter = SearchFilter(embedder.Name, from, lang, hashtag, sentiment),
                };
                var request = new SearchRequest { Knn = knn, Size = count, SourceIncludes = ["id", "created_at", "text", "hashtags"] };
                var response = await elasticsearch.Search.SearchAsync(IndexNames.TweetsAlias, request, SchedulerJsonContext.Default.TrendSourceDocument, http.RequestAborted);
                return response.Hits.Where(h => h.Source is not null)
                    .Select(h => new SearchHitResult(h.Id, h.Source!.CreatedAt, h.Source.Text, h.Source.Hashtags, h.Score)).ToList();
            });
            return Results.Ok(hits);
        });

        endpoints.MapGet("/api/trends", async (HttpContext http, int? size, ElasticsearchClient elasticsearch, QueryCache cache) =>
        {
            var take = Math.Clamp(size ?? 20, 1, 200);
            var trends = await cache.GetOrComputeAsync(QueryCacheKey.Of("trends", ("size", take)), async () =>
            {
                var request = new SearchRequest
                {
                    Size = take,
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
            });
            return Results.Ok(trends);
        });

        endpoints.MapGet("/api/hashtags/top", async (HttpContext http, string? window, int? size, ElasticsearchClient elasticsearch, QueryCache cache, TimeProvider clock) =>
        {
            var span = string.IsNullOrWhiteSpace(window) ? "1h" : window;
            if (!TryParseSince(span, clock, out var from, out var problem))
            {
                return Results.BadRequest(new { error = problem });
            }

            var take = Math.Clamp(size ?? 20, 1, 100);
            var top = await cache.GetOrComputeAsync(QueryCacheKey.Of("hashtags", ("window", span), ("size", take)), async () =>
            {
                var request = new SearchRequest
                {
                    Size = 0,
                    Source = false,
                    Query = Queries.Since("created_at", from!.Value),
                    Aggregations = new Dictionary<string, Aggregation>(StringComparer.Ordinal) { ["top"] = new TermsAggregation("hashtags", take) },
                };
                var response = await elasticsearch.Search.SearchAsync(IndexNames.TweetsAlias, request, ElasticJsonNodeContext.Default.JsonNode, http.RequestAborted);
                return response.Aggregations.Terms("top").Select(b => new HashtagCount(b.Key, b.DocCount)).ToList();
            });
            return Results.Ok(top);
        });
        return endpoints;
    }

    /// <summary>
    /// The kNN pre-filter: only documents whose vector the same embedder made (vectors of different embedders live
    /// in different spaces and must never be compared), plus the caller's time, language, hashtag and sentiment filters.
    /// </summary>
    public static Query SearchFilter(string embedder, DateTimeOffset? since, string? lang, string? hashtag, string? sentiment)
    {
        var filters = new List<Query> { EmbedderFilter(embedder) };
        if (since is { } from)
        {
            filters.Add(Queries.Since("created_at", from));
        }

        if (!string.IsNullOrWhiteSpace(lang))
        {
            filters.Add(Queries.Term("lang", lang.Trim().ToLowerInvariant()));
        }

        if (!string.IsNullOrWhiteSpace(hashtag))
        {
            filters.Add(Queries.Term("hashtags", hashtag.Trim().TrimStart('#')));
        }

        if (!string.IsNullOrWhiteSpace(sentiment))
        {
            filters.Add(Queries.Term("sentiment.label", sentiment.Trim().ToLowerInvariant()));
        }

        return Queries.AllOf(filters);
    }

    /// <summary>Documents embedded by <paramref name="embedder"/> (the worker records it in <c>pipeline.embedder</c>).</summary>
    public static Query EmbedderFilter(string embedder) => Queries.Term("pipeline.embedder", embedder);

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
}
