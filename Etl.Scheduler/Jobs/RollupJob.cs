using Etl.Elastic;
using Etl.Elastic.Bulk;
using Etl.Schemas.Naming;
using Etl.Scheduler.Hosting;
using Etl.Scheduler.Rollups;
using Etl.Scheduler.Serialization;
using Microsoft.Extensions.Options;
using Quartz;

namespace Etl.Scheduler.Jobs;

/// <summary>
/// Rolls tweets up per minute or per hour (job data <c>interval</c>): the current bucket and the
/// <see cref="SchedulerOptions.RollupLateBuckets"/> before it are recomputed every run, so late tweets are counted,
/// and written under deterministic ids, so a rerun overwrites.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RollupJob(ElasticsearchClient elasticsearch, IOptions<SchedulerOptions> options, TimeProvider clock) : IJob
{
    public const string IntervalKey = "interval";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var interval = RollupInterval.Parse(context.MergedJobDataMap.GetString(IntervalKey) ?? RollupInterval.Minute.Name);
        context.Result = await RunAsync(interval, cancellationToken);
    }

    public async Task<JobFigures> RunAsync(RollupInterval interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interval);
        var now = clock.GetUtcNow();
        var to = interval.BucketOf(now) + interval.Length;
        var from = to - (interval.Length * (options.Value.RollupLateBuckets + 1));
        var figures = new JobFigures();
        var operations = new List<BulkOperation>();
        await foreach (var bucket in elasticsearch.Search.CompositeAsync(IndexNames.TweetsAlias, RollupQuery.Aggregation(interval), RollupQuery.Range(from, to), cancellationToken))
        {
            var document = RollupQuery.ToDocument(bucket, interval, now);
            figures.Add("buckets_read", 1);
            figures.Add("tweets_counted", document.Tweets);
            operations.Add(BulkOperation.IndexDocument(interval.Index, interval.DocumentId(document.BucketStart), document, SchedulerJsonContext.Default.RollupDocument));
        }

        if (operations.Count > 0)
        {
            var response = await elasticsearch.Bulk.SendAsync(operations, cancellationToken);
            figures["documents_written"] = response.Succeeded.Count();
            var failed = response.Items.Where(i => i.Outcome != BulkItemOutcome.Succeeded).ToList();
            if (failed.Count > 0)
            {
                // The next run recomputes the same buckets, so failing the run (not retrying here) loses nothing.
                throw new JobExecutionException(
                    $"{failed.Count} of {operations.Count} rollup documents were not written to {interval.Index}; first error: {failed[0].Error?.Reason ?? failed[0].Status?.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }
        }

        return figures;
    }
}
