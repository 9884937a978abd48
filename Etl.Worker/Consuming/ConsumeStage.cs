using Confluent.Kafka;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;

namespace Etl.Worker.Consuming;

/// <summary>
/// The Kafka side, on one thread: reads records and hands each to the enrich lane of its key, keeps the assignment's
/// offset state, stores what is done for librdkafka's commit every <see cref="PipelineOptions.CommitInterval"/>, pauses while a dependency is
/// down, and reports lag. On revocation it commits what is done, waits (at most <see cref="PipelineOptions.RevokeTimeout"/>,
/// and at most half the join round that follows) for the revoked partitions' records in flight, commits again, forgets
/// the partitions and returns, so the rebalance completes promptly; whatever was not done is read again by the next
/// owner. While stopping it stays in the group: it goes on polling, partitions paused, until the drain is over.
/// </summary>
internal sealed class ConsumeStage
{
    private readonly PipelineOptions options;
    private readonly ConsumerConfig config;
    private readonly EnrichStage enrich;
    private readonly PartitionAssignment assignment;
    private readonly OffsetCommitter committer;
    private readonly PipelineHealth health;
    private readonly PipelineMetrics metrics;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Queue<WorkItem> overflow = new();
    private readonly TimeSpan revokeBudget;
    private volatile bool closing;
    private volatile bool stopCommitted;

    public ConsumeStage(
        PipelineOptions options, ConsumerConfig config, EnrichStage enrich, PartitionAssignment assignment, PipelineHealth health,
        PipelineMetrics metrics, TimeProvider time, ILogger logger)
    {
        this.options = options;
        this.config = config;
        this.enrich = enrich;
        this.assignment = assignment;
        this.health = health;
        this.metrics = metrics;
        this.time = time;
        this.logger = logger;
        committer = new OffsetCommitter(assignment, metrics, logger);
        revokeBudget = RevokeBudget(options, config);
    }

    /// <summary>Set by an abort: stop at once, commit nothing, tell the group nothing.</summary>
    public bool Aborted { get; set; }

    /// <summary>
    /// Consumes until <paramref name="stopping"/> is cancelled, <paramref name="hard"/> is cancelled or a stage failed.
    /// Then <paramref name="drain"/> lets the stages finish (bounded), and what is done is committed before leaving.
    /// </summary>
    public void Run(Action drain, CancellationToken stopping, CancellationToken hard)
    {
        ArgumentNullException.ThrowIfNull(drain);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetPartitionsAssignedHandler((_, assigned) => OnAssigned(assigned))
            .SetPartitionsRevokedHandler((c, revoked) => OnRevoked(c, revoked.Select(r => r.TopicPartition).ToList()))
            .SetPartitionsLostHandler((_, lost) => OnLost(lost.Select(r => r.TopicPartition).ToList()))
            .SetErrorHandler((_, error) =>
            {
                if (error.IsFatal)
                {
                    logger.LogError("Fatal Kafka error {Code}: {Reason}", error.Code, error.Reason);
                }
                else
                {
                    logger.LogWarning("Kafka: {Code} {Reason}", error.Code, error.Reason);
                }
            })
            .SetLogHandler(KafkaLogLevels.Handler<IConsumer<byte[]?, byte[]?>>(logger))
            .SetOffsetsCommittedHandler((_, committed) => committer.OnCommitted(committed))
            .Build();
        consumer.Subscribe(options.Topic);
        Consume(consumer, stopping, hard);
        if (Aborted)
        {
            // As a crash would: auto-commit is off, so disposing the handle commits nothing.
            return;
        }

        // A graceful stop or a failed stage: no new work; what is in flight gets the drain timeout (once), then
        // what is done is committed and the group is left without waiting again in the revoke handler. The drain runs
        // beside the consume thread, which goes on polling meanwhile (every partition paused): a rebalance during the
        // drain is taken part in, so this member is not dropped from the group and its commit is not refused as
        // coming from a generation that ended.
        var stopDeadline = time.GetTimestamp() + Ticks(options.DrainTimeout);
        overflow.Clear();
        enrich.CompleteInput();
        closing = true;
        InGroupUntil(consumer, Task.Run(drain, CancellationToken.None), deadline: null, hard);
        if (Aborted)
        {
            return;
        }

        CommitAtStop(consumer, stopDeadline, hard);
        consumer.Close();
    }

    /// <summary>
    /// The stop's commit. With incremental rebalancing the partitions stay ours while the group rebalances, so a
    /// commit refused for that is tried again once the rebalance is over (still polling), within what is left of
    /// the drain timeout.
    /// </summary>
    private void CommitAtStop(IConsumer<byte[]?, byte[]?> consumer, long deadline, CancellationToken hard)
    {
        while (committer.Commit(consumer, "stop", probe: Remaining(deadline, atLeast: TimeSpan.FromSeconds(1))) == CommitResult.Rebalancing
            && !hard.IsCancellationRequested && time.GetTimestamp() < deadline)
        {
            InGroupUntil(consumer, Task.Delay(TimeSpan.FromMilliseconds(200), time, CancellationToken.None), deadline, hard);
        }

        // The last word: what the stop could not commit is not tried again while the consumer closes (a commit from
        // the revoke handler then can wait for a coordinator that never comes back).
        stopCommitted = true;
    }

    private TimeSpan Remaining(long deadline, TimeSpan atLeast)
    {
        var left = TimeSpan.FromSeconds((double)(deadline - time.GetTimestamp()) / time.TimestampFrequency);
        return left > atLeast ? left : atLeast;
    }

    /// <summary>
    /// Waits for <paramref name="work"/> (or <paramref name="deadline"/>) without leaving the group: the consume
    /// thread goes on calling Consume with a short timeout, so rebalance callbacks are served and the join rounds
    /// met, while every assigned partition is paused so that no record is read meanwhile. A record returned all the
    /// same is not lost: it was never handed on, so its offset is never committed and it is read again.
    /// </summary>
    private void InGroupUntil(IConsumer<byte[]?, byte[]?> consumer, Task work, long? deadline, CancellationToken hard)
    {
        while (!work.IsCompleted && !hard.IsCancellationRequested && (deadline is null || time.GetTimestamp() < deadline))
        {
            try
            {
                // Every turn, so that partitions assigned meanwhile are paused too.
                consumer.Pause(consumer.Assignment);
                consumer.Consume(TimeSpan.FromMilliseconds(50));
            }
            catch (ConsumeException ex)
            {
                logger.LogWarning("Consume failed at {Partition} while stopping: {Reason}", ex.ConsumerRecord?.TopicPartitionOffset, ex.Error.Reason);
            }
            catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_State)
            {
                // The assignment changed under the pause; the next turn pauses what is assigned then.
            }
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    private void Consume(IConsumer<byte[]?, byte[]?> consumer, CancellationToken stopping, CancellationToken hard)
    {
        var paused = false;
        var lastCommit = time.GetTimestamp();
        var lastLag = time.GetTimestamp();
        while (!stopping.IsCancellationRequested && !hard.IsCancellationRequested && health.Failure is null)
        {
            if (time.GetElapsedTime(lastCommit) >= options.CommitInterval)
            {
                committer.Store(consumer);
                lastCommit = time.GetTimestamp();
            }

            if (time.GetElapsedTime(lastLag) >= TimeSpan.FromSeconds(1))
            {
                RecordLag(consumer);
                lastLag = time.GetTimestamp();
            }

            while (overflow.Count > 0 && TryDispatch(overflow.Peek()))
            {
                overflow.Dequeue();
            }

            // Only an outage pauses the partitions: pausing makes librdkafka drop what it prefetched, which is cheap
            // during an outage but ruinous as everyday backpressure.
            var wantPause = !health.CanConsume;
            if (wantPause)
            {
                if (!paused)
                {
                    logger.LogInformation("Pausing consumption: {Problem}", health.Problem());
                }

                // Every turn, so partitions assigned since the last pause are paused too.
                consumer.Pause(consumer.Assignment);
            }
            else if (paused)
            {
                logger.LogInformation("Resuming consumption");
                consumer.Resume(consumer.Assignment);
            }

            paused = wantPause;
            metrics.SetPaused(paused);
            if (overflow.Count > 0 && !paused)
            {
                // The stages are busy but healthy: wait a little for room instead of reading more.
                WaitQuietly(enrich.LaneOf(overflow.Peek()).WaitToWriteAsync(hard).AsTask(), TimeSpan.FromMilliseconds(100));
                continue;
            }

            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = consumer.Consume(TimeSpan.FromMilliseconds(paused ? 100 : 50));
            }
            catch (ConsumeException ex)
            {
                logger.LogWarning("Consume failed at {Partition}: {Reason}", ex.ConsumerRecord?.TopicPartitionOffset, ex.Error.Reason);
                continue;
            }

            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            var item = new WorkItem
            {
                Partition = assignment.Get(result.TopicPartition) ?? assignment.Assign(result.TopicPartition),
                Offset = result.Offset.Value,
                Key = result.Message.Key,
                Value = result.Message.Value,
                Headers = result.Message.Headers is { Count: > 0 } headers ? headers : null,
                Timestamp = result.Message.Timestamp.Type == TimestampType.NotAvailable ? null : new DateTimeOffset(result.Message.Timestamp.UtcDateTime),
                IngestedAt = time.GetUtcNow(),
            };
            metrics.RecordConsumed();
            if (overflow.Count > 0 || !TryDispatch(item))
            {
                overflow.Enqueue(item);
            }
        }
    }

    private bool TryDispatch(WorkItem item)
    {
        var previous = item.Partition.Dispatching(item.Offset);
        if (enrich.LaneOf(item).TryWrite(item))
        {
            return true;
        }

        item.Partition.Withdraw(item.Offset, previous);
        return false;
    }

    private void OnAssigned(List<TopicPartition> assigned)
    {
        foreach (var partition in assigned)
        {
            assignment.Assign(partition);
        }

        logger.LogInformation("Assigned {Partitions}", Describe(assigned));
    }

    private void OnRevoked(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> revoked)
    {
        if (Aborted)
        {
            return;
        }

        var set = revoked.ToHashSet();
        if (overflow.Any(i => set.Contains(i.TopicPartition)))
        {
            // Read but never handed over: not in flight, simply not ours any more.
            var keep = overflow.Where(i => !set.Contains(i.TopicPartition)).ToList();
            overflow.Clear();
            keep.ForEach(overflow.Enqueue);
        }

        // What is done is committed at once: the commit is accepted only until another member rejoins for the next
        // round. Then the records in flight get a short wait, bounded well inside that round (see RevokeBudget), so
        // this member rejoins in time; what finished meanwhile is committed too if the group still accepts it.
        var held = revoked.Select(assignment.Get).OfType<PartitionOffsets>().ToList();
        if (stopCommitted)
        {
            Forget(revoked);
            logger.LogInformation("Revoked {Partitions} while closing; the stop committed what was done", Describe(revoked));
            return;
        }

        var first = committer.Commit(consumer, "revoke", held);
        var drained = closing || WaitQuietly(Task.WhenAll(held.Select(p => p.WhenDrained())), revokeBudget);
        if (first == CommitResult.Done)
        {
            committer.Commit(consumer, "revoke", held);
        }

        Forget(revoked);
        if (drained)
        {
            logger.LogInformation("Revoked {Partitions} after their records in flight finished", Describe(revoked));
        }
        else
        {
            logger.LogInformation("Revoked {Partitions}; records still in flight after {Timeout} are left to the next owner", Describe(revoked), revokeBudget);
        }
    }

    /// <summary>
    /// How long the revoke handler waits for records in flight: <see cref="PipelineOptions.RevokeTimeout"/>, but at
    /// most half of the join round that follows. The coordinator ends a round after the rebalance timeout (librdkafka's
    /// mock cluster: session.timeout.ms − 1 s) counted from the first member that rejoins, and a member still in its
    /// revoke handler then misses the round: it is dropped, its partitions lost and its next commit refused.
    /// </summary>
    private static TimeSpan RevokeBudget(PipelineOptions options, ConsumerConfig config)
    {
        var session = TimeSpan.FromMilliseconds(config.SessionTimeoutMs ?? 45_000);
        var round = session > TimeSpan.FromSeconds(2) ? session - TimeSpan.FromSeconds(1) : session;
        return TimeSpan.FromTicks(Math.Min(options.RevokeTimeout.Ticks, round.Ticks / 2));
    }

    private void OnLost(List<TopicPartition> lost)
    {
        // The group moved on without us: committing now would be under a dead generation, so nothing is committed.
        Forget(lost);
        logger.LogWarning("Lost {Partitions}; their uncommitted records will be read again by the next owner", Describe(lost));
    }

    private void Forget(List<TopicPartition> partitions)
    {
        assignment.Remove(partitions);
        foreach (var partition in partitions)
        {
            metrics.RemoveLag(partition);
        }
    }

    private bool WaitQuietly(Task task, TimeSpan timeout)
    {
        try
        {
            task.WaitAsync(timeout, time).Wait();
            return true;
        }
        catch (AggregateException ex) when (ex.InnerException is TimeoutException or OperationCanceledException)
        {
            return false;
        }
    }

    private void RecordLag(IConsumer<byte[]?, byte[]?> consumer)
    {
        foreach (var partition in consumer.Assignment)
        {
            var watermarks = consumer.GetWatermarkOffsets(partition);
            var position = consumer.Position(partition);
            if (watermarks.High != Offset.Unset && position != Offset.Unset)
            {
                metrics.SetLag(partition, Math.Max(0, watermarks.High.Value - position.Value));
            }
        }
    }

    private static string Describe(IEnumerable<TopicPartition> partitions) =>
        string.Join(", ", partitions.Select(p => $"{p.Topic}[{p.Partition.Value}]"));
}
