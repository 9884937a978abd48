using System.ComponentModel;
using Etl.Elastic;
using Etl.Elastic.Bulk;
using Etl.Elastic.Search;
using Etl.Elastic.Transport;
using Etl.Enrichment.Embedding;
using Etl.Schemas.Naming;
using Etl.Scheduler.Hosting;
using Etl.Scheduler.Serialization;
using Etl.Scheduler.Trends;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Options;

namespace Etl.Scheduler.Jobs;

/// <summary>
/// kNN trend clustering of the last complete window: reads a bounded sample of that window and of the baseline windows
/// before it (<see cref="TrendWindowSample"/>), runs the shared <see cref="TrendDetector"/>, and writes the trends to
/// <c>tweets-trends</c>; trends reported in the baseline windows are read back so a continuing cluster keeps its id.
/// The window comes from the job's creation time, so a retried run clusters the same window and overwrites the same ids.
/// </summary>
public sealed class TrendJob(ElasticsearchClient elasticsearch, IEmbedder embedder, IOptions<SchedulerOptions> options, TimeProvider clock)
{
    [DisplayName("Trend clustering")]
    [DisableConcurrentExecution("etl:trend-clustering", SchedulerOptions.JobLockWaitSeconds)]
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [15, 60])]
    public Task<JobFigures> RunAsync(PerformContext? context, CancellationToken cancellationToken) =>
        RunAsync(JobClock.AsOf(context, clock), cancellationToken);

    public async Task<JobFigures> RunAsync(DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var settings = TrendSettings.ForEmbedder(embedder.Name) with { Window = options.Value.TrendWindow };
        var windowStart = TrendTimeline.WindowStartOf(asOf, settings.Window) - settings.Window;
        var sample = new TrendWindowSample(embedder.Name, windowStart, windowStart + settings.Window, windowStart - (settings.Window * settings.BaselineWindows));
        await sample.ReadAsync(elasticsearch, settings.BaselineWindows, options.Value.TrendMaxTweetsPerWindow, cancellationToken);
        var figures = sample.Figures;

        // Windows with no tweets at all (the pipeline was down) are not evidence of a quiet topic; count only those seen.
        var baselineWindows = sample.Baseline.Select(t => TrendTimeline.WindowStartOf(t.CreatedAt, settings.Window)).Distinct().Count();
        var recent = await RecentTrendsAsync(sample.BaselineStart, windowStart, cancellationToken);
        var window = sample.Window.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        var trends = new TrendDetector(settings).Detect(windowStart, window, sample.Baseline, baselineWindows, recent);
        figures["trends"] = trends.Count;
        if (trends.Count == 0)
        {
            return figures;
        }

        var operations = trends
            .Select(t => ScaledUp(t, sample.Share))
            .Select(t => TrendDocument.From(t, asOf))
            .Select(d => (BulkOperation)BulkOperation.IndexDocument(IndexNames.Trends, d.DocumentId, d, SchedulerJsonContext.Default.TrendDocument))
            .ToList();
        var response = await elasticsearch.Bulk.SendAsync(operations, cancellationToken);
        figures["documents_written"] = response.Succeeded.Count();
        var failed = response.Items.Where(i => i.Outcome != BulkItemOutcome.Succeeded).ToList();
        if (failed.Count > 0)
        {
            throw new JobOutputRejectedException($"{failed.Count} of {operations.Count} trend documents were not written to {IndexNames.Trends}; first error: {failed[0].Error?.Reason}.");
        }

        return figures;
    }

    /// <summary>A trend found in a sample, with its size and score in tweets of the whole window.</summary>
    private static TrendCluster ScaledUp(TrendCluster trend, double share) =>
        share >= 1 ? trend : trend with { Size = (int)Math.Round(trend.Size / share), Score = Math.Round(trend.Score / share, 3) };

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
