using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Etl.Testing.Kafka;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>
/// Members joining and leaving a busy group: the partitions move promptly, nothing is lost, and no worker commits
/// under a generation that already ended.
/// </summary>
public sealed class RebalanceTests : IClassFixture<KafkaMockCluster>
{
    private const int PartitionCount = 6;
    private static readonly TimeSpan ReassignWithin = TimeSpan.FromSeconds(10);
    private readonly KafkaMockCluster kafka;
    private readonly ITestOutputHelper output;

    public RebalanceTests(KafkaMockCluster kafka, ITestOutputHelper output)
    {
        this.kafka = kafka;
        this.output = output;
    }

    [Fact]
    public async Task A_third_worker_joining_and_one_leaving_a_busy_group_move_every_partition_within_10_s_and_lose_nothing()
    {
        var topic = kafka.CreateTopic("rebalance", partitions: PartitionCount);
        var group = "g-" + Guid.NewGuid().ToString("N");
        // Every request takes a while, so records are in flight whenever the group changes.
        var sink = new ScriptedSink { Delay = TimeSpan.FromMilliseconds(30) };
        var deadLetters = new CollectingDeadLetterSink();
        var workers = new List<Worker>();
        await using var producer = new ContinuousProducer(kafka, topic);
        try
        {
            workers.Add(Start("first", topic, group, sink, deadLetters));
            workers.Add(Start("second", topic, group, sink, deadLetters));
            await AwaitOwnershipAsync("two workers start", workers, TimeSpan.FromSeconds(60));
            await PipelineTestKit.WaitForAsync(() => workers.Sum(w => w.Pipeline.InFlight) > 0);

            // A third joins while records are in flight.
            var joining = Stopwatch.StartNew();
            workers.Add(Start("third", topic, group, sink, deadLetters));
            await AwaitOwnershipAsync("a third joins", workers, ReassignWithin - joining.Elapsed);
            output.WriteLine($"a third joined: every partition owned again after {joining.Elapsed.TotalSeconds:F1} s");

            // One leaves (a graceful stop) while records are in flight.
            await PipelineTestKit.WaitForAsync(() => workers.Sum(w => w.Pipeline.InFlight) > 0);
            var leaving = Stopwatch.StartNew();
            var leaver = workers[0];
            workers.RemoveAt(0);
            await leaver.StopAsync();
            await AwaitOwnershipAsync("one leaves", workers, ReassignWithin - leaving.Elapsed);
            output.WriteLine($"one left: every partition owned again after {leaving.Elapsed.TotalSeconds:F1} s");
            workers.Insert(0, leaver);

            var produced = await producer.StopAsync();
            await PipelineTestKit.WaitForAsync(() => sink.DistinctIds.Count >= produced.Count);
            foreach (var worker in workers)
            {
                await worker.StopAsync();
            }

            Assert.True(produced.Count > 1_000, $"only {produced.Count} records were produced");
            Assert.Equal(produced.Order(StringComparer.Ordinal), sink.DistinctIds.Order(StringComparer.Ordinal));
            Assert.Empty(deadLetters.Records);
            // What was done is committed, the last stops included: a new member of the group has nothing left to read.
            Assert.Equal(produced.Count, CommittedTotal(topic, group));
            foreach (var worker in workers)
            {
                Assert.True(worker.Metrics.CommitFailures == 0, $"{worker.Name}: {worker.Metrics.CommitFailures} commits refused:\n{worker.Problems()}");
                Assert.True(worker.Problems().Length == 0, $"{worker.Name} reported:\n{worker.Problems()}");
            }
        }
        finally
        {
            foreach (var worker in workers)
            {
                output.WriteLine($"--- {worker.Name}: {worker.Metrics.Indexed} indexed, {worker.Metrics.CommitFailures} commit failures");
                foreach (var entry in worker.Logger.Entries.Where(e => e.Level >= LogLevel.Information && !e.Message.Contains("librdkafka", StringComparison.Ordinal) || e.Level >= LogLevel.Warning))
                {
                    output.WriteLine($"{entry.At:HH:mm:ss.fff} {entry.Level} {entry.Message}");
                }

                await worker.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Waits until the running workers together own every partition, each partition once, and every worker owns one
    /// (a member that joined has its share); polls every 20 ms and fails with what was missing at the deadline.
    /// </summary>
    private static async Task AwaitOwnershipAsync(string step, IReadOnlyList<Worker> workers, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var held = workers.Select(w => (w.Name, Partitions: w.Pipeline.Partitions.Select(p => p.Partition.Value).ToList())).ToList();
            var owned = held.SelectMany(h => h.Partitions).ToList();
            var missing = Enumerable.Range(0, PartitionCount).Except(owned).ToList();
            var twice = owned.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            var idle = held.Where(h => h.Partitions.Count == 0).Select(h => h.Name).ToList();
            if (missing.Count == 0 && twice.Count == 0 && idle.Count == 0)
            {
                return;
            }

            if (watch.Elapsed > within)
            {
                Assert.Fail($"{step}: partitions not reassigned within {within.TotalSeconds:F1} s; missing [{string.Join(", ", missing)}], " +
                    $"owned twice [{string.Join(", ", twice)}], workers without partitions [{string.Join(", ", idle)}]; " +
                    string.Join("; ", held.Select(h => $"{h.Name} [{string.Join(", ", h.Partitions)}]")));
            }

            await Task.Delay(20);
        }
    }

    private long CommittedTotal(string topic, string group)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.ConsumerConfig(group)).Build();
        var committed = consumer.Committed(Enumerable.Range(0, PartitionCount).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10));
        return committed.Sum(c => c.Offset.Value < 0 ? 0 : c.Offset.Value);
    }

    private Worker Start(string name, string topic, string group, ScriptedSink sink, CollectingDeadLetterSink deadLetters)
    {
        var options = new PipelineOptions
        {
            Topic = topic,
            GroupId = group,
            BatchMaxDocuments = 200,
            BatchLinger = TimeSpan.FromMilliseconds(50),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            CommitInterval = TimeSpan.FromMilliseconds(200),
            EnrichParallelism = 2,
            ChannelCapacity = 512,
        };
        var config = kafka.ConsumerConfig(group);
        // The mock coordinator waits session.timeout.ms − 1 s in each join round; incremental rebalancing as in production.
        config.SessionTimeoutMs = 3_000;
        config.HeartbeatIntervalMs = 500;
        config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky;
        // Never the default meter name: every in-process worker host's /metrics would count these figures.
        var metrics = new PipelineMetrics(meterName: "test-" + Guid.NewGuid().ToString("N"));
        var logger = new CapturingLogger<IngestPipeline>();
        var pipeline = new IngestPipeline(options, config, new TextRecordProcessor(), sink, deadLetters, metrics, logger);
        return new Worker(name, pipeline, metrics, logger);
    }

    private sealed class Worker : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();

        public Worker(string name, IngestPipeline pipeline, PipelineMetrics metrics, CapturingLogger<IngestPipeline> logger)
        {
            Name = name;
            Pipeline = pipeline;
            Metrics = metrics;
            Logger = logger;
            Run = pipeline.RunAsync(stop.Token);
        }

        public string Name { get; }

        public IngestPipeline Pipeline { get; }

        public PipelineMetrics Metrics { get; }

        public CapturingLogger<IngestPipeline> Logger { get; }

        public Task Run { get; }

        public async Task StopAsync()
        {
            await stop.CancelAsync();
            await Run.WaitAsync(TimeSpan.FromSeconds(60));
        }

        /// <summary>What the worker (or librdkafka through it) said about partitions lost or commits under a generation that ended.</summary>
        public string Problems() => string.Join('\n', Logger.Entries
            .Where(e => e.Level >= LogLevel.Warning && Signs.Any(s => e.Message.Contains(s, StringComparison.OrdinalIgnoreCase)))
            .Select(e => $"{e.At:HH:mm:ss.fff} {e.Level} {e.Message}"));

        private static readonly string[] Signs = ["IllegalGeneration", "Illegal generation", "generation", "UnknownMemberId", "Unknown member", "Lost ", "commit"];

        public async ValueTask DisposeAsync()
        {
            if (!Run.IsCompleted)
            {
                Pipeline.Abort();
                await stop.CancelAsync();
                await Run.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            Pipeline.Dispose();
            stop.Dispose();
        }
    }

    /// <summary>Produces "tweet:N" records (key = value) steadily until stopped; returns the ids Kafka acknowledged.</summary>
    private sealed class ContinuousProducer : IAsyncDisposable
    {
        private readonly IProducer<byte[], byte[]> producer;
        private readonly ConcurrentBag<string> delivered = [];
        private readonly ConcurrentBag<string> failures = [];
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;

        public ContinuousProducer(KafkaMockCluster kafka, string topic)
        {
            producer = new ProducerBuilder<byte[], byte[]>(kafka.ProducerConfig()).Build();
            loop = Task.Run(() => ProduceAsync(topic));
        }

        public async Task<IReadOnlyCollection<string>> StopAsync()
        {
            await stop.CancelAsync();
            await loop;
            producer.Flush(PipelineTestKit.Patience);
            Assert.Empty(failures);
            return [.. delivered];
        }

        private async Task ProduceAsync(string topic)
        {
            var next = 0;
            while (!stop.IsCancellationRequested)
            {
                // About 2,000 records a second.
                for (var i = 0; i < 50; i++, next++)
                {
                    var id = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var bytes = Encoding.UTF8.GetBytes("tweet:" + id);
                    producer.Produce(topic, new Message<byte[], byte[]> { Key = bytes, Value = bytes }, report =>
                    {
                        if (report.Error.IsError)
                        {
                            failures.Add($"{id}: {report.Error.Reason}");
                        }
                        else
                        {
                            delivered.Add(id);
                        }
                    });
                }

                try
                {
                    await Task.Delay(25, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!loop.IsCompleted)
            {
                await stop.CancelAsync();
                await loop;
            }

            producer.Dispose();
            stop.Dispose();
        }
    }
}
