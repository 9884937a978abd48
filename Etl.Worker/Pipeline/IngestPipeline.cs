using Confluent.Kafka;
using Etl.Enrichment.Embedding;
using Etl.Kafka.Native;
using Etl.Worker.Consuming;
using Etl.Worker.DeadLetters;
using Etl.Worker.Indexing;
using Etl.Worker.Observability;

namespace Etl.Worker.Pipeline;

/// <summary>
/// consume → enrich (lanes by key) → batch → index → acknowledge and commit, with a dead-letter stage beside them.
/// This class only wires the stages and watches them: each stage is its own file with one job. An offset is
/// committed only when every earlier record of its partition is indexed or dead-lettered. When a stage fails, the
/// pipeline stops loudly: the error is logged with its cause, readiness turns false, and <see cref="RunAsync"/> throws.
/// </summary>
public sealed class IngestPipeline : IDisposable
{
    private readonly PipelineOptions options;
    private readonly ConsumerConfig consumerConfig;
    private readonly IRecordProcessor processor;
    private readonly IEmbedder? embedder;
    private readonly IDocumentSink sink;
    private readonly IDeadLetterSink deadLetterSink;
    private readonly PipelineMetrics metrics;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly PartitionAssignment assignment = new();
    private readonly CancellationTokenSource hard = new();
    private ConsumeStage? consume;
    private volatile bool running;

    public IngestPipeline(
        PipelineOptions options,
        ConsumerConfig consumerConfig,
        IRecordProcessor processor,
        IDocumentSink sink,
        IDeadLetterSink deadLetterSink,
        PipelineMetrics metrics,
        ILogger<IngestPipeline> logger,
        TimeProvider? time = null,
        IEmbedder? embedder = null)
    {
        // Every class that builds a Kafka client checks librdkafka itself, so no caller can forget to.
        LibrdkafkaCheck.Ensure();
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(consumerConfig);
        this.options = options;
        this.consumerConfig = new ConsumerConfig(new Dictionary<string, string>(consumerConfig))
        {
            GroupId = options.GroupId,
            // Offsets are ours to store, and only for work that is done; librdkafka commits what we stored at the
            // interval (it knows when the group is mid-rebalance), we commit explicitly at revocation and at stop.
            EnableAutoCommit = true,
            AutoCommitIntervalMs = (int)Math.Max(100, options.CommitInterval.TotalMilliseconds),
            EnableAutoOffsetStore = false,
        };
        this.consumerConfig.AutoOffsetReset ??= AutoOffsetReset.Earliest;
        // Incremental rebalances: a member joining or leaving moves only the partitions that change owner, and the
        // revoke handler commits them (measured on the mock: exactly once, where eager Range gave duplicates).
        this.consumerConfig.PartitionAssignmentStrategy ??= PartitionAssignmentStrategy.CooperativeSticky;
        this.processor = processor;
        // The hashing embedder runs inline in the enrich lanes; a model or a server gets its own batching stage.
        this.embedder = embedder is null or HashingEmbedder ? null : embedder;
        this.sink = sink;
        this.deadLetterSink = deadLetterSink;
        this.metrics = metrics;
        this.logger = logger;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>Dependencies down, stage failures: what <c>/readyz</c> reports.</summary>
    public PipelineHealth Health { get; } = new();

    /// <summary>Records handed to the stages but not yet indexed or dead-lettered.</summary>
    public int InFlight => assignment.InFlight;

    /// <summary>Partitions currently assigned to this worker by the group.</summary>
    public int AssignedPartitions => assignment.Count;

    /// <summary>The partitions currently assigned to this worker by the group.</summary>
    public IReadOnlyList<TopicPartition> Partitions => assignment.Partitions;

    /// <summary>True from the start of <see cref="RunAsync"/> until it ends.</summary>
    public bool IsRunning => running;

    /// <summary>False while Elasticsearch is unavailable and consumption is paused.</summary>
    public bool SinkAvailable => !Health.IsDown(PipelineHealth.Elasticsearch);

    /// <summary>Running, every dependency answering, no stage failed.</summary>
    public bool IsReady => running && Health.Problem() is null;

    /// <summary>
    /// Runs until <paramref name="stoppingToken"/> is cancelled, then lets what is in flight finish (up to
    /// <see cref="PipelineOptions.DrainTimeout"/>, once), commits what is done, and leaves the group.
    /// </summary>
    /// <exception cref="PipelineStageFailedException">A stage failed; the cause is inside.</exception>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var deadLetters = new DeadLetterDispatcher(options, deadLetterSink, metrics, Health, time, logger);
        var enrich = new EnrichStage(options, processor, Health, time, logger);
        var embed = embedder is null ? null : new EmbedStage(options, embedder, enrich.Output, Health, time, logger);
        if (embedder is OnnxEmbedder onnx)
        {
            logger.LogInformation("Embedding with {Embedder}: model loaded in {LoadMs:F0} ms, {Runs} model runs in parallel", onnx.Name, onnx.LoadTime.TotalMilliseconds, onnx.Options.EffectiveParallelism);
        }

        var batch = new BatchStage(options, embed?.Output ?? enrich.Output, deadLetters, time);
        var index = new IndexStage(options, batch.Output, sink, deadLetters, Health, metrics, time, logger);
        consume = new ConsumeStage(options, consumerConfig, enrich, assignment, Health, metrics, time, logger);
        var token = hard.Token;
        var downstream = Task.WhenAll(
            Watch("enrich", enrich.RunAsync(token)),
            Watch("embed", embed?.RunAsync(token) ?? Task.CompletedTask),
            Watch("batch", Task.Run(() => batch.RunAsync(token), CancellationToken.None)),
            Watch("index", Task.Run(() => index.RunAsync(token), CancellationToken.None)),
            Watch("dead-letter", Task.Run(() => deadLetters.RunAsync(token), CancellationToken.None)));
        running = true;
        try
        {
            await Watch("consume", Task.Factory.StartNew(
                () => consume.Run(() => Drain(downstream), stoppingToken, token),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default));
            await hard.CancelAsync();
            await downstream;
        }
        finally
        {
            running = false;
            await hard.CancelAsync();
        }

        if (Health.Failure is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>
    /// Stops at once, as a crash would: nothing more is indexed or committed, and the group is not told. Records in
    /// flight are not marked done, so whoever takes the partitions next reads them again.
    /// </summary>
    public void Abort()
    {
        if (consume is not null)
        {
            consume.Aborted = true;
        }

        hard.Cancel();
    }

    public void Dispose() => hard.Dispose();

    /// <summary>Waits for the stages to finish what was consumed, at most the drain timeout, then cancels them.</summary>
    private void Drain(Task downstream)
    {
        if (Health.Failure is null)
        {
            try
            {
                downstream.WaitAsync(options.DrainTimeout, time).Wait();
                return;
            }
            catch (AggregateException ex) when (ex.InnerException is TimeoutException)
            {
                logger.LogWarning("Stopping with {InFlight} records still in flight after {Timeout}; they stay uncommitted and will be read again", InFlight, options.DrainTimeout);
            }
            catch (AggregateException)
            {
                // A stage failed while draining; Watch has logged it.
            }
        }

        hard.Cancel();
    }

    /// <summary>A stage that ends with an error stops the whole pipeline: logged once with its cause, then everything winds down.</summary>
    private async Task Watch(string stage, Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException) when (hard.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            var failure = PipelineStageFailedException.For(stage, ex);
            if (Health.Fail(failure))
            {
                logger.LogError(ex, "Pipeline stage {Stage} failed; stopping the worker: {Reason}", stage, ex.Message);
            }

            // Stop consuming and stop the other stages; the consume thread commits what is done and leaves.
            await hard.CancelAsync();
        }
    }
}
