using System.ComponentModel;
using Etl.Elastic;
using Etl.Elastic.Bulk;
using Etl.Schemas.Naming;
using Etl.Scheduler.Hosting;
using Etl.Scheduler.Rollups;
using Etl.Scheduler.Serialization;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Options;

namespace Etl.Scheduler.Jobs;

/// <summary>
/// Rolls tweets up per minute, hour or day: the current bucket and the <see cref="SchedulerOptions.RollupLateBuckets"/>
/// before it are recomputed every run, so late tweets are counted, and written under deterministic ids, so a rerun
/// overwrites. One run per interval at a time: a run still going when the next fires makes the next wait.
/// </summary>
public sealed class RollupJob(ElasticsearchClient elasticsearch, IOptions<SchedulerOptions> options, TimeProvider clock)
{
    [DisplayName("Rollup {0}")]
    [DisableConcurrentExecution("etl:rollup:{0}", SchedulerOptions.JobLockWaitSeconds)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [20, 60, 180])]
    public Task<JobFigures> RunAsync(string interval, PerformContext? context, CancellationToken cancellationToken) =>
        RunAsync(RollupInterval.Parse(interval), JobClock.AsOf(context, clock), cancellationToken);

    public async Task<JobFigures> RunAsync(RollupInterval interval, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interval);
        var to = interval.BucketOf(asOf) + interval.Length;
        var from = to - (interval.Length * (options.Value.RollupLateBuckets + 1));
        var figures = new JobFigures();
        var operations = new List<BulkOperation>();
        await foreach (var bucket in elasticsearch.Search.CompositeAsync(IndexNames.TweetsAlias, RollupQuery.Aggregation(interval), RollupQuery.Range(from, to), cancellationToken))
        {
            var document = RollupQuery.ToDocument(bucket, interval, asOf);
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
                // Failing the run gets it retried; the retry recomputes the same buckets, so nothing is lost or doubled.
                throw new JobOutputRejectedException(
                    $"{failed.Count} of {operations.Count} rollup documents were not written to {interval.Index}; first error: {failed[0].Error?.Reason ?? failed[0].Status?.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }
        }

        return figures;
    }
}
