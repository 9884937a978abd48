using Etl.Elastic;
using Etl.Elastic.Bulk;
using Etl.Elastic.Search;
using Etl.Elastic.Transport;
using Etl.Schemas.Naming;
using Etl.Scheduler.Hosting;
using Etl.Scheduler.Rollups;
using Etl.Scheduler.Serialization;
using Etl.Scheduler.Trends;
using Microsoft.Extensions.Options;
using Quartz;

namespace Etl.Scheduler.Jobs;

/// <summary>
/// kNN trend clustering of the last complete window: reads the embeddings of that window and of the baseline windows
/// before it (point in time + search_after), runs the shared <see cref="TrendDetector"/>, and writes the trends to
/// <c>tweets-trends</c>; trends reported in the baseline windows are read back so a continuing cluster keeps its id.
/// </summary>
[DisallowConcurrentExecution]
public sealed class TrendJob(ElasticsearchClient elasticsearch, IOptions<SchedulerOptions> options, TimeProvider clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Result = await RunAsync(cancellationToken);
    }

    public async Task<JobFigures> RunAsync(CancellationToken cancellationToken)
    {
        var settings = new TrendSettings { Window = options.Value.TrendWindow };
        var now = clock.GetUtcNow();
        var windowStart = TrendTimeline.WindowStartOf(now, settings.Window) - settings.Window;
        var windowEnd = windowStart + settings.Window;
        var baselineStart = windowStart - (settings.Window * settings.BaselineWindows);
        var figures = new JobFigures();

        var window = new List<TrendTweet>();
        var baseline = new List<TrendTweet>();
        var request = new SearchRequest
        {
            Query = RollupQuery.Range(baselineStart, windowEnd),
            SourceIncludes = TrendSourceDocument.Fields,
        };
        await foreach (var hit in elasticsearch.Search.ScanAsync(IndexNames.TweetsAlias, request, SchedulerJsonContext.Default.TrendSourceDocument, cancellationToken: cancellationToken))
        {
            figures.Add("documents_read", 1);
            if (hit.Source is not { Embedding: { Length: > 0 } embedding } source)
            {
                figures.Add("documents_without_embedding", 1);
                continue;
            }

            var tweet = new TrendTweet(source.Id.Length > 0 ? source.Id : hit.Id, source.CreatedAt, source.Text, source.Hashtags, embedding);
            (tweet.CreatedAt >= windowStart ? window : baseline).Add(tweet);
        }

        // Windows with no tweets at all (the pipeline was down) are not evidence of a quiet topic; count only those seen.
        var baselineWindows = baseline.Select(t => TrendTimeline.WindowStartOf(t.CreatedAt, settings.Window)).Distinct().Count();
        var recent = await RecentTrendsAsync(baselineStart, windowStart, cancellationToken);
        var trends = new TrendDetector(settings).Detect(windowStart, window.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal).ToList(), baseline, baselineWindows, recent);
        figures["window_tweets"] = window.Count;
        figures["baseline_tweets"] = baseline.Count;
        figures["trends"] = trends.Count;
        if (trends.Count > 0)
        {
            var operations = trends
                .Select(t => TrendDocument.From(t, now))
                .Select(d => (BulkOperation)BulkOperation.IndexDocument(IndexNames.Trends, d.DocumentId, d, SchedulerJsonContext.Default.TrendDocument))
                .ToList();
            var response = await elasticsearch.Bulk.SendAsync(operations, cancellationToken);
            figures["documents_written"] = response.Succeeded.Count();
            var failed = response.Items.Where(i => i.Outcome != BulkItemOutcome.Succeeded).ToList();
            if (failed.Count > 0)
            {
                throw new JobExecutionException($"{failed.Count} of {operations.Count} trend documents were not written to {IndexNames.Trends}; first error: {failed[0].Error?.Reason}.");
            }
        }

        return figures;
    }

    private async Task<IReadOnlyList<TrendCluster>> RecentTrendsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var request = new SearchRequest
        {
            Query = Queries.TimeRange("window_start", from, to),
            Size = 1000,
            Sort = [Queries.Ascending("window_start")],
        };
        try
        {
            var response = await elasticsearch.Search.SearchAsync(IndexNames.Trends, request, SchedulerJsonContext.Default.TrendDocument, cancellationToken);
            return [.. response.Hits.Where(h => h.Source is not null).Select(h => h.Source!.ToCluster())];
        }
        catch (ElasticsearchException ex) when (ex.Status == 404)
        {
            // No trend was ever written: the index does not exist yet.
            return [];
        }
    }
}
