using System.Diagnostics;
using Etl.Testing.Kafka;
using Etl.Worker.Indexing;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Microsoft.Extensions.Logging;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>Stopping and failing: a stop is bounded by the drain timeout once, and a crashed stage ends the run loudly.</summary>
public sealed class PipelineLifecycleTests : IClassFixture<KafkaMockCluster>
{
    private readonly KafkaMockCluster kafka;

    public PipelineLifecycleTests(KafkaMockCluster kafka) => this.kafka = kafka;

    [Fact]
    public async Task Stop_with_records_in_flight_completes_within_the_drain_timeout()
    {
        var topic = kafka.CreateTopic("stop", partitions: 2);
        await PipelineTestKit.ProduceAsync(kafka, topic, Enumerable.Range(0, 500).Select(i => $"tweet:{i}"));
        // Elasticsearch never answers: nothing in flight can finish, so only the drain timeout ends the stop.
        var sink = new ScriptedSink { Down = true };
        var metrics = new PipelineMetrics(meterName: "test-" + Guid.NewGuid().ToString("N"));
        var logger = new CapturingLogger<IngestPipeline>();
        using var pipeline = New(topic, sink, metrics, logger, drain: TimeSpan.FromSeconds(2));
        using var stop = new CancellationTokenSource();
        var run = pipeline.RunAsync(stop.Token);
        await PipelineTestKit.WaitForAsync(() => pipeline.InFlight > 0 && !pipeline.SinkAvailable);

        var watch = Stopwatch.StartNew();
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3.5));
        Assert.Empty(sink.DistinctIds);
    }

    [Fact]
    public async Task A_crash_of_the_index_stage_ends_the_run_with_the_cause_within_seconds()
    {
        var topic = kafka.CreateTopic("crash-stage", partitions: 2);
        await PipelineTestKit.ProduceAsync(kafka, topic, Enumerable.Range(0, 500).Select(i => $"tweet:{i}"));
        var sink = new CrashingSink(afterRequests: 2);
        var metrics = new PipelineMetrics(meterName: "test-" + Guid.NewGuid().ToString("N"));
        var logger = new CapturingLogger<IngestPipeline>();
        using var pipeline = New(topic, sink, metrics, logger, drain: TimeSpan.FromSeconds(5));
        using var stop = new CancellationTokenSource();
        var run = pipeline.RunAsync(stop.Token);

        var error = await Record.ExceptionAsync(() => run.WaitAsync(TimeSpan.FromSeconds(15)));

        Assert.NotNull(error);
        Assert.IsNotType<TimeoutException>(error);
        Assert.Contains(CrashingSink.Message, error.ToString(), StringComparison.Ordinal);
        Assert.False(pipeline.IsRunning);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && (e.Error?.ToString() ?? e.Message).Contains(CrashingSink.Message, StringComparison.Ordinal));
    }

    private IngestPipeline New(string topic, IDocumentSink sink, PipelineMetrics metrics, ILogger<IngestPipeline> logger, TimeSpan drain)
    {
        var options = new PipelineOptions
        {
            Topic = topic,
            GroupId = "g-" + Guid.NewGuid().ToString("N"),
            BatchMaxDocuments = 100,
            BatchLinger = TimeSpan.FromMilliseconds(50),
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            CommitInterval = TimeSpan.FromMilliseconds(200),
            EnrichParallelism = 2,
            DrainTimeout = drain,
        };
        return new IngestPipeline(options, kafka.ConsumerConfig(options.GroupId), new TextRecordProcessor(), sink, new CollectingDeadLetterSink(), metrics, logger);
    }

    /// <summary>A sink with a bug: after a few good requests it throws what no retry rule knows.</summary>
    private sealed class CrashingSink(int afterRequests) : IDocumentSink
    {
        public const string Message = "scripted crash of the index stage";
        private int requests;

        public Task<IReadOnlyList<SinkItemResult>> WriteAsync(IReadOnlyList<IndexAction> actions, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref requests) > afterRequests)
            {
                throw new InvalidOperationException(Message);
            }

            return Task.FromResult<IReadOnlyList<SinkItemResult>>(actions.Select(_ => new SinkItemResult(201)).ToArray());
        }
    }
}
