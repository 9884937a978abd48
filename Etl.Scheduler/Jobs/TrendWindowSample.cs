using Elastic.Clients.Elasticsearch.QueryDsl;
using Etl.Elastic;
using Etl.Elastic.Search;
using Etl.Schemas.Naming;
using Etl.Scheduler.Api;
using Etl.Scheduler.Serialization;
using Etl.Scheduler.Trends;

namespace Etl.Scheduler.Jobs;

/// <summary>
/// The tweets trend clustering looks at, read page by page through a point in time with <c>search_after</c> and held
/// within a fixed bound whatever the rate: when a window has more than <c>maxPerWindow</c> tweets, every window (the
/// clustered one and the baseline) keeps the same deterministic share of them, chosen by a hash of the tweet id. The
/// same share everywhere keeps growth (window against baseline) unbiased; the hash keeps a rerun's sample identical.
/// Only documents embedded by <paramref name="embedder"/> are read: vectors of different embedders are never compared.
/// </summary>
public sealed class TrendWindowSample(string embedder, DateTimeOffset windowStart, DateTimeOffset windowEnd, DateTimeOffset baselineStart)
{
    /// <summary>Hash buckets of the sampling decision; the share is resolved to one part in this many.</summary>
    private const ulong Buckets = 1_000_000;

    public string Embedder { get; } = embedder;

    public DateTimeOffset WindowStart { get; } = windowStart;

    public DateTimeOffset WindowEnd { get; } = windowEnd;

    public DateTimeOffset BaselineStart { get; } = baselineStart;

    public List<TrendTweet> Window { get; } = [];

    public List<TrendTweet> Baseline { get; } = [];

    /// <summary>Share of the matching tweets that was kept (1 when nothing had to be left out).</summary>
    public double Share { get; private set; } = 1;

    public JobFigures Figures { get; } = new();

    private ulong _threshold = Buckets;
    private long _maxWindow = long.MaxValue;
    private long _maxBaseline = long.MaxValue;

    /// <summary>Reads the window and its baseline, keeping at most <paramref name="maxPerWindow"/> tweets per window.</summary>
    public async Task ReadAsync(ElasticsearchClient elasticsearch, int baselineWindows, int maxPerWindow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(elasticsearch);
        var windowCount = await elasticsearch.Search.CountAsync(IndexNames.TweetsAlias, Query(WindowStart, WindowEnd), cancellationToken);
        var baselineCount = await elasticsearch.Search.CountAsync(IndexNames.TweetsAlias, Query(BaselineStart, WindowStart), cancellationToken);
        Plan(windowCount, baselineCount, baselineWindows, maxPerWindow);
        var request = new SearchRequest { Query = Query(BaselineStart, WindowEnd), SourceIncludes = TrendSourceDocument.Fields };
        await foreach (var hit in elasticsearch.Search.ScanAsync(IndexNames.TweetsAlias, request, SchedulerJsonContext.Default.TrendSourceDocument, cancellationToken: cancellationToken))
        {
            Offer(hit.Id, hit.Source);
        }

        Figures["window_tweets"] = Window.Count;
        Figures["baseline_tweets"] = Baseline.Count;
    }

    /// <summary>Sets the share to keep from the numbers of matching tweets, so that neither part exceeds its bound.</summary>
    public void Plan(long windowCount, long baselineCount, int baselineWindows, int maxPerWindow)
    {
        _maxWindow = maxPerWindow;
        _maxBaseline = (long)maxPerWindow * Math.Max(1, baselineWindows);
        Share = Math.Min(1, Math.Min((double)_maxWindow / Math.Max(1, windowCount), (double)_maxBaseline / Math.Max(1, baselineCount)));
        _threshold = (ulong)Math.Ceiling(Share * Buckets);
        // Sized once for what the share will keep, so the lists never hold up to twice that in spare capacity.
        Window.EnsureCapacity((int)Math.Min(_maxWindow, (long)Math.Ceiling(windowCount * Share * 1.05) + 16));
        Baseline.EnsureCapacity((int)Math.Min(_maxBaseline, (long)Math.Ceiling(baselineCount * Share * 1.05) + 16));
        Figures["window_matching"] = windowCount;
        Figures["baseline_matching"] = baselineCount;
        Figures["sample_share_ppm"] = (long)_threshold;
    }

    /// <summary>One document read from the window or its baseline: kept, or left out of the sample.</summary>
    public void Offer(string hitId, TrendSourceDocument? source)
    {
        ArgumentNullException.ThrowIfNull(hitId);
        Figures.Add("documents_read", 1);
        if (source is not { Embedding: { Length: > 0 } embedding })
        {
            Figures.Add("documents_without_embedding", 1);
            return;
        }

        var id = source.Id.Length > 0 ? source.Id : hitId;
        if (_threshold < Buckets && Bucket(id) >= _threshold)
        {
            return;
        }

        var inWindow = source.CreatedAt >= WindowStart;
        var target = inWindow ? Window : Baseline;
        // The hash share is a binomial draw around the bound; the hard cap makes the bound exact, also for documents
        // indexed after the counts were taken.
        if (target.Count >= (inWindow ? _maxWindow : _maxBaseline))
        {
            Figures.Add("documents_over_bound", 1);
            return;
        }

        target.Add(new TrendTweet(id, source.CreatedAt, source.Text, source.Hashtags, embedding));
    }

    /// <summary>Where a tweet id falls in 0..<see cref="Buckets"/>: FNV-1a, stable across processes and runs.</summary>
    public static ulong Bucket(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var hash = 14695981039346656037UL;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash % Buckets;
    }

    private Query Query(DateTimeOffset from, DateTimeOffset to) =>
        Queries.AllOf([QueryEndpoints.EmbedderFilter(Embedder), Queries.TimeRange("created_at", from, to)]);
}
