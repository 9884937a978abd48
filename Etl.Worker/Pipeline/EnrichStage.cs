using System.Runtime.CompilerServices;
using System.Threading.Channels;
using etl.tweets;
using Etl.Worker.Indexing;
using Polly;
using Polly.Retry;

namespace Etl.Worker.Pipeline;

/// <summary>
/// Decodes and enriches records in parallel lanes. A record goes to the lane of its key, so every version of one
/// tweet is processed in the order it was produced and a newer version is never overtaken by an older one. When a
/// dependency is down (registry, embedding server) the lane waits and tries the same record again, with back-off,
/// and reports the outage so consumption pauses — nothing is dead-lettered for it.
/// </summary>
internal sealed class EnrichStage
{
    private static readonly ResiliencePropertyKey<WorkItem?> ItemKey = new("etl.work-item");
    /// <summary>Records one lane decodes and enriches at once; they are handed on in order.</summary>
    private const int InFlightPerLane = 32;
    private readonly IRecordProcessor processor;
    private readonly PipelineHealth health;
    private readonly ILogger logger;
    private readonly Channel<WorkItem>[] lanes;
    private readonly Channel<WorkItem> output;
    private readonly ResiliencePipeline<RecordOutcome>[] retries;

    public EnrichStage(PipelineOptions options, IRecordProcessor processor, PipelineHealth health, TimeProvider time, ILogger logger)
    {
        this.processor = processor;
        this.health = health;
        this.logger = logger;
        var laneCount = options.EffectiveParallelism;
        var laneCapacity = Math.Max(16, options.ChannelCapacity / laneCount);
        lanes = Enumerable.Range(0, laneCount)
            .Select(_ => Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(laneCapacity) { SingleReader = true, SingleWriter = true }))
            .ToArray();
        output = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(options.ChannelCapacity) { SingleReader = true });
        retries = Enumerable.Range(0, laneCount).Select(lane => new ResiliencePipelineBuilder<RecordOutcome> { TimeProvider = time }
            .AddRetry(PipelineBackoff.UntilItWorks<RetryStrategyOptions<RecordOutcome>, RecordOutcome>(new RetryStrategyOptions<RecordOutcome>
            {
                // A record of a partition revoked meanwhile is left for its next owner.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result.IsUnavailable && args.Context.Properties.GetValue(ItemKey, null) is { IsAbandoned: false }),
                OnRetry = args =>
                {
                    var reason = $"{args.Outcome.Result.ErrorType}: {args.Outcome.Result.ErrorMessage}";
                    if (args.AttemptNumber == 0)
                    {
                        logger.LogWarning("Decoding or enrichment cannot reach a dependency ({Reason}); pausing and retrying", reason);
                    }

                    health.Down(PipelineHealth.Decoding, reason, lane);
                    return ValueTask.CompletedTask;
                },
            }, options))
            .Build()).ToArray();
    }

    public ChannelReader<WorkItem> Output => output.Reader;

    /// <summary>The lane <paramref name="item"/> belongs to: by key, or by partition for records without one.</summary>
    public ChannelWriter<WorkItem> LaneOf(WorkItem item) => lanes[LaneIndex(item.Key, item.TopicPartition.Partition.Value, lanes.Length)].Writer;

    /// <summary>No more input: each lane finishes what it holds, then the output completes.</summary>
    public void CompleteInput()
    {
        foreach (var lane in lanes)
        {
            lane.Writer.TryComplete();
        }
    }

    public Task RunAsync(CancellationToken cancellationToken)
    {
        var running = lanes.Select((_, lane) => Task.Run(() => RunLaneAsync(lane, cancellationToken), CancellationToken.None)).ToArray();
        return StageCompletion.CompleteWhenDone(output.Writer, running);
    }

    /// <summary>FNV-1a over the key: stable across processes, cheap for 19-byte tweet ids.</summary>
    public static int LaneIndex(byte[]? key, int partition, int laneCount)
    {
        if (key is null || key.Length == 0)
        {
            return partition % laneCount;
        }

        var hash = 2166136261u;
        foreach (var b in key)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)laneCount);
    }

    private async Task RunLaneAsync(int lane, CancellationToken cancellationToken)
    {
        var reader = lanes[lane].Reader;
        // Records started and not yet handed on, oldest first: decoding completes asynchronously (Confluent's
        // deserializer finishes every call on another thread), so a lane keeps several records in flight and hands
        // them on in the order they came, never one overtaking another.
        var started = new Queue<(WorkItem Item, ValueTask<RecordOutcome> Outcome)>(InFlightPerLane);
        try
        {
            while (true)
            {
                while (started.Count < InFlightPerLane && reader.TryRead(out var next))
                {
                    if (!next.IsAbandoned)
                    {
                        // Each is awaited exactly once, below, in the order it was started.
#pragma warning disable CA2012
                        started.Enqueue((next, ProcessAsync(next)));
#pragma warning restore CA2012
                    }
                }

                if (started.Count == 0)
                {
                    if (!await reader.WaitToReadAsync(cancellationToken))
                    {
                        return;
                    }

                    continue;
                }

                var (item, first) = started.Dequeue();
                var outcome = await first;
                if (outcome.IsUnavailable && !item.IsAbandoned)
                {
                    outcome = await RetryUntilAvailableAsync(lane, item, outcome, cancellationToken);
                }

                health.Up(PipelineHealth.Decoding, lane);
                if (outcome.IsUnavailable)
                {
                    continue;
                }

                item.Outcome = outcome;
                if (!outcome.IsFailure)
                {
                    item.Action = new IndexAction(outcome.Index!, outcome.Document!.Id, outcome.Document);
                }

                await output.Writer.WriteAsync(item, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// A dependency was down for <paramref name="item"/> (<paramref name="unavailable"/> is that first attempt's
    /// outcome): report it, back off and try again until it is up or the record is abandoned.
    /// </summary>
    private async Task<RecordOutcome> RetryUntilAvailableAsync(int lane, WorkItem item, RecordOutcome unavailable, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(ItemKey, item);
            // The retry pipeline's first attempt is the one already made, so its failure is reported and backed off from.
            var firstAttempt = new StrongBox<RecordOutcome?>(unavailable);
            return await retries[lane].ExecuteAsync(
                static (_, state) =>
                {
                    if (state.First.Value is { } known)
                    {
                        state.First.Value = null;
                        return ValueTask.FromResult(known);
                    }

                    return state.Stage.ProcessAsync(state.Item);
                },
                context,
                (Stage: this, Item: item, First: firstAttempt));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<RecordOutcome> ProcessAsync(WorkItem item)
    {
        try
        {
            return await processor.ProcessAsync(item.TopicPartition.Topic, item.Key, item.Value, item.IngestedAt);
        }
        catch (Exception ex) when (DependencyAnswers.IsTransient(ex))
        {
            return RecordOutcome.Unavailable(ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A processor bug must not stop the partition: the record goes to the dead-letter topic with its bytes.
            logger.LogDebug(ex, "Enrichment failed for {Partition}@{Offset}", item.TopicPartition, item.Offset);
            return RecordOutcome.Failed(DeadLetterStage.enrich, ex);
        }
    }
}
