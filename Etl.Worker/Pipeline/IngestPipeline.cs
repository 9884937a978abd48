using System.Diagnostics;
using System.Threading.Channels;
using Confluent.Kafka;
using Etl.Kafka.Native;
using Etl.Worker.Consuming;
using Etl.Worker.Indexing;
using Etl.Worker.Observability;
using Etl.Schemas.Records;

namespace Etl.Worker.Pipeline;

/// <summary>
/// consume → decode and enrich (in parallel) → batch → bulk-index → store offset, with dead-lettering of records
/// that cannot be indexed. An offset is stored and committed only when every earlier record of its partition is
/// indexed or dead-lettered; when the sink is unavailable consumption pauses and resumes when it answers again.
/// </summary>
public sealed class IngestPipeline : IDisposable
{
    private readonly PipelineOptions options;
    private readonly ConsumerConfig consumerConfig;
    private readonly IRecordProcessor processor;
    private readonly IDocumentSink sink;
    private readonly IDeadLetterSink deadLetterSink;
    private readonly PipelineMetrics metrics;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly RetryBackoff backoff;
    private readonly PartitionOffsetTracker tracker = new();
    private readonly Channel<WorkItem> records;
    private readonly Channel<WorkItem> processed;
    private readonly Channel<(WorkItem Item, FailedRecord Record)> deadLetters;
    private readonly CancellationTokenSource hard = new();
    private readonly Dictionary<TopicPartition, Offset> uncommitted = [];
    private volatile bool sinkAvailable = true;
    private volatile bool aborted;
    private int assignedPartitions;

    public IngestPipeline(
        PipelineOptions options,
        ConsumerConfig consumerConfig,
        IRecordProcessor processor,
        IDocumentSink sink,
        IDeadLetterSink deadLetterSink,
        PipelineMetrics metrics,
        ILogger<IngestPipeline> logger,
        TimeProvider? time = null)
    {
        // Every class that builds a Kafka client loads librdkafka itself, so no caller can forget to.
        LibrdkafkaLoader.EnsureLoaded();
        this.options = options;
        this.consumerConfig = new ConsumerConfig(new Dictionary<string, string>(consumerConfig))
        {
            GroupId = options.GroupId,
            // Offsets are ours to store and commit, and only for work that is done.
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
        };
        if (this.consumerConfig.AutoOffsetReset is null)
        {
            this.consumerConfig.AutoOffsetReset = AutoOffsetReset.Earliest;
        }

        this.processor = processor;
        this.sink = sink;
        this.deadLetterSink = deadLetterSink;
        this.metrics = metrics;
        this.logger = logger;
        this.time = time ?? TimeProvider.System;
        backoff = new RetryBackoff(options.RetryBaseDelay, options.RetryMaxDelay);
        var bounded = new BoundedChannelOptions(options.ChannelCapacity) { FullMode = BoundedChannelFullMode.Wait };
        records = Channel.CreateBounded<WorkItem>(bounded);
        processed = Channel.CreateBounded<WorkItem>(bounded);
        deadLetters = Channel.CreateBounded<(WorkItem, FailedRecord)>(bounded);
    }

    /// <summary>Records consumed but not yet indexed or dead-lettered.</summary>
    public int InFlight => tracker.InFlightTotal;

    /// <summary>Partitions currently assigned to this worker by the group.</summary>
    public int AssignedPartitions => Volatile.Read(ref assignedPartitions);

    /// <summary>True from the start of <see cref="RunAsync"/> until it ends.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>False while the sink is unavailable and consumption is paused.</summary>
    public bool SinkAvailable => sinkAvailable;

    /// <summary>
    /// Runs until <paramref name="stoppingToken"/> is cancelled, then flushes what is in flight (up to
    /// <see cref="PipelineOptions.DrainTimeout"/>), commits, and leaves the group.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var enrichers = Enumerable.Range(0, options.EffectiveParallelism)
            .Select(_ => Task.Run(() => EnrichLoopAsync(hard.Token), CancellationToken.None))
            .ToArray();
        var downstream = Task.WhenAll(
            Task.WhenAll(enrichers).ContinueWith(_ => processed.Writer.TryComplete(), TaskScheduler.Default),
            Task.Run(() => IndexLoopAsync(hard.Token), CancellationToken.None),
            Task.Run(() => DeadLetterLoopAsync(hard.Token), CancellationToken.None));
        IsRunning = true;
        var consume = Task.Factory.StartNew(
            () => ConsumeLoop(downstream, stoppingToken),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            await consume;
            await downstream.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            IsRunning = false;
            await hard.CancelAsync();
        }
    }

    /// <summary>
    /// Stops at once, as a crash would: nothing more is indexed, stored or committed, and the group is not told.
    /// Records in flight are not marked done, so whoever takes the partitions next reads them again.
    /// </summary>
    public void Abort()
    {
        aborted = true;
        hard.Cancel();
    }

    public void Dispose() => hard.Dispose();

    private void ConsumeLoop(Task downstream, CancellationToken stoppingToken)
    {
        var consumer = new ConsumerBuilder<byte[]?, byte[]?>(consumerConfig)
            .SetPartitionsAssignedHandler((_, assigned) =>
            {
                foreach (var tp in assigned)
                {
                    tracker.Assign(tp);
                }

                Interlocked.Add(ref assignedPartitions, assigned.Count);

                logger.LogInformation("Assigned {Partitions}", string.Join(", ", assigned.Select(p => $"{p.Topic}[{p.Partition.Value}]")));
            })
            .SetPartitionsRevokedHandler((c, revoked) => OnRevoked(c, revoked.Select(r => r.TopicPartition).ToList()))
            .SetErrorHandler((_, error) =>
            {
                if (error.IsFatal)
                {
                    logger.LogError("Fatal Kafka error {Code}: {Reason}", error.Code, error.Reason);
                }
                else
                {
                    logger.LogDebug("Kafka: {Code} {Reason}", error.Code, error.Reason);
                }
            })
            .SetLogHandler((_, _) => { })
            .Build();
        var overflow = new Queue<WorkItem>();
        var paused = false;
        var lastCommit = time.GetTimestamp();
        var lastLag = time.GetTimestamp();
        consumer.Subscribe(options.Topic);
        try
        {
            while (!stoppingToken.IsCancellationRequested && !aborted)
            {
                StoreOffsets(consumer);
                if (time.GetElapsedTime(lastCommit) >= options.CommitInterval)
                {
                    Commit(consumer);
                    lastCommit = time.GetTimestamp();
                }

                if (time.GetElapsedTime(lastLag) >= TimeSpan.FromSeconds(1))
                {
                    RecordLag(consumer);
                    lastLag = time.GetTimestamp();
                }

                while (overflow.Count > 0 && records.Writer.TryWrite(overflow.Peek()))
                {
                    overflow.Dequeue();
                }

                // Only an unavailable sink pauses the partitions: pausing makes librdkafka drop what it prefetched,
                // which is cheap during an outage but ruinous as everyday backpressure.
                var wantPause = !sinkAvailable;
                if (wantPause)
                {
                    if (!paused)
                    {
                        logger.LogInformation("Pausing consumption: sink unavailable");
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
                    records.Writer.WaitToWriteAsync(CancellationToken.None).AsTask().Wait(TimeSpan.FromMilliseconds(200), CancellationToken.None);
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

                tracker.Register(result.TopicPartition, result.Offset.Value);
                metrics.RecordConsumed();
                var item = new WorkItem
                {
                    TopicPartition = result.TopicPartition,
                    Offset = result.Offset.Value,
                    Key = result.Message.Key,
                    Value = result.Message.Value,
                    Timestamp = result.Message.Timestamp.Type == TimestampType.NotAvailable ? null : new DateTimeOffset(result.Message.Timestamp.UtcDateTime),
                    IngestedAt = time.GetUtcNow(),
                };
                if (overflow.Count > 0 || !records.Writer.TryWrite(item))
                {
                    overflow.Enqueue(item);
                }
            }

            if (aborted)
            {
                return;
            }

            // Graceful stop: let the stages finish what was consumed, then store, commit and leave.
            foreach (var item in overflow)
            {
                if (!records.Writer.TryWrite(item))
                {
                    break;
                }
            }

            records.Writer.TryComplete();
            if (!downstream.Wait(options.DrainTimeout, CancellationToken.None))
            {
                logger.LogWarning("Stopping with {InFlight} records still in flight after {Timeout}; they stay uncommitted and will be read again", tracker.InFlightTotal, options.DrainTimeout);
                hard.Cancel();
            }

            StoreOffsets(consumer);
            Commit(consumer);
            consumer.Close();
        }
        finally
        {
            // After Abort this is the only thing that happens: auto-commit is off, so closing the handle commits nothing.
            consumer.Dispose();
        }
    }

    private void OnRevoked(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> revoked)
    {
        if (aborted)
        {
            return;
        }

        var deadline = time.GetTimestamp();
        while (tracker.InFlight(revoked) > 0 && time.GetElapsedTime(deadline) < options.DrainTimeout && !aborted)
        {
            Thread.Sleep(20);
        }

        StoreOffsets(consumer);
        Commit(consumer);
        foreach (var tp in revoked)
        {
            tracker.Revoke(tp);
        }

        Interlocked.Add(ref assignedPartitions, -revoked.Count);

        logger.LogInformation("Revoked {Partitions} after flushing", string.Join(", ", revoked.Select(p => $"{p.Topic}[{p.Partition.Value}]")));
    }

    private void StoreOffsets(IConsumer<byte[]?, byte[]?> consumer)
    {
        foreach (var tpo in tracker.TakeStorable())
        {
            try
            {
                consumer.StoreOffset(tpo);
                uncommitted[tpo.TopicPartition] = tpo.Offset;
            }
            catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_State)
            {
                // The partition is no longer assigned to us; its next owner starts from the last commit.
            }
        }
    }

    private void Commit(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (uncommitted.Count == 0)
        {
            return;
        }

        var offsets = uncommitted.Select(kv => new TopicPartitionOffset(kv.Key, kv.Value)).ToList();
        try
        {
            consumer.Commit(offsets);
            uncommitted.Clear();
        }
        catch (KafkaException ex)
        {
            logger.LogWarning("Commit of {Count} offsets failed ({Reason}); retrying at the next interval", offsets.Count, ex.Error.Reason);
        }
    }

    private void RecordLag(IConsumer<byte[]?, byte[]?> consumer)
    {
        foreach (var tp in consumer.Assignment)
        {
            var watermarks = consumer.GetWatermarkOffsets(tp);
            var position = consumer.Position(tp);
            if (watermarks.High != Offset.Unset && position != Offset.Unset)
            {
                metrics.SetLag(tp.Partition.Value, Math.Max(0, watermarks.High.Value - position.Value));
            }
        }
    }

    private async Task EnrichLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in records.Reader.ReadAllAsync(cancellationToken))
            {
                RecordOutcome outcome;
                try
                {
                    outcome = processor.Process(item.Key, item.Value, item.IngestedAt);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A processor bug must not stop the partition: the record goes to the dead-letter topic with its bytes.
                    outcome = RecordOutcome.Failed(DeadLetterStage.Enrich, ex);
                }

                item.Outcome = outcome;
                if (!outcome.IsFailure)
                {
                    item.Action = new IndexAction(outcome.Index!, outcome.Document!.Id, outcome.Document);
                }

                await processed.Writer.WriteAsync(item, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task IndexLoopAsync(CancellationToken cancellationToken)
    {
        var batch = new List<WorkItem>(options.BatchMaxDocuments);
        long bytes = 0;
        long oldest = 0;
        var reader = processed.Reader;
        try
        {
            while (true)
            {
                if (batch.Count == 0)
                {
                    if (!await reader.WaitToReadAsync(cancellationToken))
                    {
                        break;
                    }
                }
                else
                {
                    var remaining = options.BatchLinger - time.GetElapsedTime(oldest);
                    if (remaining <= TimeSpan.Zero)
                    {
                        await FlushAsync(batch, cancellationToken);
                        bytes = 0;
                        continue;
                    }

                    using var linger = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    linger.CancelAfter(remaining);
                    try
                    {
                        if (!await reader.WaitToReadAsync(linger.Token))
                        {
                            break;
                        }
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        await FlushAsync(batch, cancellationToken);
                        bytes = 0;
                        continue;
                    }
                }

                while (reader.TryRead(out var item))
                {
                    if (item.Outcome.IsFailure)
                    {
                        var failed = item.ToFailed(item.Outcome.Stage!.Value, item.Outcome.ErrorType!, item.Outcome.ErrorMessage!, time.GetUtcNow());
                        await deadLetters.Writer.WriteAsync((item, failed), cancellationToken);
                        continue;
                    }

                    if (batch.Count == 0)
                    {
                        oldest = time.GetTimestamp();
                    }

                    batch.Add(item);
                    bytes += item.EstimatedBytes;
                    if (batch.Count >= options.BatchMaxDocuments || bytes >= options.BatchMaxBytes)
                    {
                        await FlushAsync(batch, cancellationToken);
                        bytes = 0;
                    }
                }
            }

            if (batch.Count > 0)
            {
                await FlushAsync(batch, cancellationToken);
            }

            deadLetters.Writer.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            deadLetters.Writer.TryComplete();
        }
    }

    private async Task FlushAsync(List<WorkItem> batch, CancellationToken cancellationToken)
    {
        var pending = new List<WorkItem>(batch);
        batch.Clear();
        var retryRound = 0;
        while (pending.Count > 0)
        {
            IReadOnlyList<SinkItemResult> results;
            var started = Stopwatch.GetTimestamp();
            try
            {
                results = await sink.WriteAsync(pending.Select(i => i.Action!).ToList(), cancellationToken);
            }
            catch (SinkUnavailableException ex)
            {
                logger.LogWarning("Sink unavailable ({Reason}); pausing consumption and probing", ex.Message);
                sinkAvailable = false;
                await WaitForSinkAsync(cancellationToken);
                sinkAvailable = true;
                logger.LogInformation("Sink is back; resending {Count} documents", pending.Count);
                continue;
            }

            if (results.Count != pending.Count)
            {
                throw new InvalidOperationException($"The sink answered {results.Count} items for a request of {pending.Count}.");
            }

            metrics.BatchSize.Record(pending.Count);
            metrics.BatchLatency.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            var retry = new List<WorkItem>();
            var now = time.GetUtcNow();
            var indexed = 0;
            for (var i = 0; i < pending.Count; i++)
            {
                var item = pending[i];
                var result = results[i];
                item.Attempts++;
                if (result.IsSuccess)
                {
                    indexed++;
                    metrics.LatencyFromTweet.Record(Math.Max(0, (now - item.Action!.Document.CreatedAt).TotalSeconds));
                    if (item.Timestamp is { } ts)
                    {
                        metrics.LatencyFromIngest.Record(Math.Max(0, (now - ts).TotalSeconds));
                    }

                    tracker.Complete(item.TopicPartition, item.Offset);
                }
                else if (result.IsRetryable && item.Attempts < options.MaxItemAttempts)
                {
                    retry.Add(item);
                }
                else
                {
                    var message = result.IsRetryable
                        ? $"gave up after {item.Attempts} attempts; last answer {result.Status} {result.ErrorType}: {result.Reason}"
                        : $"Elasticsearch rejected the document: {result.Status} {result.ErrorType}: {result.Reason}";
                    var failed = item.ToFailed(DeadLetterStage.Index, result.ErrorType ?? "http_" + result.Status, message, now, result.Status, result.Reason);
                    await deadLetters.Writer.WriteAsync((item, failed), cancellationToken);
                }
            }

            metrics.RecordIndexed(indexed);
            if (retry.Count > 0)
            {
                metrics.RecordRetried(retry.Count);
                await Task.Delay(backoff.Delay(retryRound++), time, cancellationToken);
            }

            pending = retry;
        }
    }

    private async Task WaitForSinkAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await Task.Delay(backoff.Delay(attempt), time, cancellationToken);
            bool up;
            try
            {
                up = await sink.ProbeAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException or SinkUnavailableException)
            {
                up = false;
            }

            if (up)
            {
                return;
            }
        }
    }

    private async Task DeadLetterLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (item, record) in deadLetters.Reader.ReadAllAsync(cancellationToken))
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        await deadLetterSink.SendAsync(record, cancellationToken);
                        break;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // Never ack a record whose dead letter was not stored: retry until it is, or until stopped.
                        logger.LogWarning("Dead letter for {Topic}[{Partition}]@{Offset} not stored ({Reason}); retrying", record.Topic, record.Partition, record.Offset, ex.Message);
                        await Task.Delay(backoff.Delay(attempt), time, cancellationToken);
                    }
                }

                metrics.RecordDeadLettered(record.Stage);
                tracker.Complete(item.TopicPartition, item.Offset);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
