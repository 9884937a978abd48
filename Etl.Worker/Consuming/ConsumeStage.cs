using Confluent.Kafka;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;

namespace Etl.Worker.Consuming;

/// <summary>
/// The Kafka side, on one thread: reads records and hands each to the enrich lane of its key, keeps the assignment's
/// offset state, commits what is done every <see cref="PipelineOptions.CommitInterval"/>, pauses while a dependency is
/// down, and reports lag. On revocation it waits (at most <see cref="PipelineOptions.RevokeTimeout"/>) for the
/// revoked partitions' records in flight, commits what is done, forgets the partitions and returns, so the rebalance
/// completes promptly; whatever was not done is read again by the next owner.
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
    private volatile bool closing;

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
            .Build();
        consumer.Subscribe(options.Topic);
        Consume(consumer, stopping, hard);
        if (Aborted)
        {
            // As a crash would: auto-commit is off, so disposing the handle commits nothing.
            return;
        }

        // A graceful stop or a failed stage: no new work; what is in flight gets the drain timeout (once), then
        // what is done is committed and the group is left without waiting again in the revoke handler.
        overflow.Clear();
        enrich.CompleteInput();
        closing = true;
        drain();
        committer.Commit(consumer);
        consumer.Close();
    }

    private void Consume(IConsumer<byte[]?, byte[]?> consumer, CancellationToken stopping, CancellationToken hard)
    {
        var paused = false;
        var lastCommit = time.GetTimestamp();
        var lastLag = time.GetTimestamp();
        while (!stopping.IsCancellationRequested && !hard.IsCancellationRequested && health.Failure is null)
        {
            if (time.GetElapsedTime(lastCommit) >= options.CommitInterval)
            {
                committer.Commit(consumer);
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

        var held = revoked.Select(assignment.Get).OfType<PartitionOffsets>().ToList();
        var drained = closing || WaitQuietly(Task.WhenAll(held.Select(p => p.WhenDrained())), options.RevokeTimeout);
        committer.Commit(consumer, held);
        Forget(revoked);
        if (drained)
        {
            logger.LogInformation("Revoked {Partitions} after their records in flight finished", Describe(revoked));
        }
        else
        {
            logger.LogInformation("Revoked {Partitions}; records still in flight after {Timeout} are left to the next owner", Describe(revoked), options.RevokeTimeout);
        }
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
