using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Etl.Elastic;
using Etl.Elastic.Transport;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Kafka;
using Etl.Worker.Indexing;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Microsoft.Extensions.Logging;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>
/// Workers joining and leaving a busy group: every partition reassigned promptly, every record indexed, no commit
/// refused under a stale generation. The records keep flowing while the group changes (a producer runs throughout),
/// so there is work in flight at every change however fast or slow the machine is.
/// </summary>
public sealed class RebalanceTests : IClassFixture<KafkaMockCluster>
{
    private const int Partitions = 6;
    private static readonly TimeSpan Reassignment = TimeSpan.FromSeconds(10);
    private readonly KafkaMockCluster kafka;

    public RebalanceTests(KafkaMockCluster kafka) => this.kafka = kafka;

    [Fact]
    public async Task A_worker_joining_and_one_leaving_a_busy_group_get_every_partition_reassigned_within_ten_seconds_and_index_every_record()
    {
        var topic = kafka.CreateTopic("rebalance", Partitions);
        // Without this the mock waits 3 s before the group's first assignment.
        kafka.Cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        await using var es = await ElasticsearchStub.StartAsync();
        // Slow enough answers that every worker holds records in flight whenever the group changes.
        es.ResponseDelay = TimeSpan.FromMilliseconds(20);
        using var client = new ElasticsearchClient(new ElasticsearchOptions { Url = es.Url.ToString(), RequestTimeout = TimeSpan.FromSeconds(10) });
        var group = "g-" + Guid.NewGuid().ToString("N");
        await using var producer = new SteadyProducer(kafka, topic);
        var workers = new List<Worker>();
        var timings = new List<string>();
        try
        {
            workers.Add(Start(topic, group, client));
            workers.Add(Start(topic, group, client));
            // Forming the group is not what is measured (the second worker may join a generation late).
            timings.Add(await WaitForAssignmentAsync(workers, "two workers form the group", mustHold: workers, within: PipelineTestKit.Patience));
            await PipelineTestKit.WaitForAsync(() => es.IndexedIds.Count > 500);

            await WaitForInFlightAsync(workers);
            workers.Add(Start(topic, group, client));
            timings.Add(await WaitForAssignmentAsync(workers, "a third worker joins", mustHold: workers, within: Reassignment));

            await WaitForInFlightAsync(workers);
            var leaving = workers[0];
            await leaving.StopAsync();
            var staying = workers.Skip(1).ToList();
            timings.Add(await WaitForAssignmentAsync(staying, "the first worker leaves", mustHold: staying, within: Reassignment));

            var produced = await producer.StopAsync();
            await PipelineTestKit.WaitForAsync(() => es.IndexedIds.Count >= produced);

            Assert.Equal(produced, es.IndexedIds.Count);
            Assert.Equal(Enumerable.Range(0, produced).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(), es.IndexedIds.ToHashSet());
            // A commit under a generation that already ended is refused by the group (IllegalGeneration,
            // UnknownMemberId, RebalanceInProgress after the revoke): none may happen.
            var commitProblems = workers.SelectMany((w, i) => w.Logger.Entries.Select(e => (Worker: i, Entry: e)))
                .Where(e => e.Entry.Level >= LogLevel.Warning && e.Entry.Message.Contains("commit", StringComparison.OrdinalIgnoreCase))
                .Select(e => $"{e.Entry.At:HH:mm:ss.fff} worker {e.Worker}: {e.Entry.Message}").ToList();
            Assert.True(commitProblems.Count == 0, string.Join("\n", commitProblems));
            Assert.Equal(0, workers.Sum(w => w.Metrics.CommitFailures));
            Assert.Empty(workers.SelectMany(w => w.DeadLetters.Records));
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }

        // Seen in the test output (dotnet test --logger "console;verbosity=detailed"): how long each change took.
        Console.WriteLine(string.Join("; ", timings));
    }

    /// <summary>Observes the group's assignment state until every partition has exactly one holder.</summary>
    private static async Task<string> WaitForAssignmentAsync(IReadOnlyList<Worker> workers, string what, IReadOnlyList<Worker> mustHold, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (workers.Sum(w => w.Pipeline.AssignedPartitions) != Partitions || mustHold.Any(w => w.Pipeline.AssignedPartitions == 0))
        {
            Assert.True(clock.Elapsed < within,
                $"{what}: partitions not all reassigned within {within} (held: {string.Join(", ", workers.Select(w => w.Pipeline.AssignedPartitions))})\n" +
                string.Join("\n", workers.SelectMany((w, i) => w.Logger.Entries.Select(e => $"{e.At:HH:mm:ss.fff} worker {i}: {e.Level} {e.Message}")).Order()));
            await Task.Delay(20);
        }

        return $"{what}: {clock.Elapsed.TotalSeconds:F1} s";
    }

    /// <summary>The change must happen with work in flight, or the test would prove nothing about revocation.</summary>
    private static async Task WaitForInFlightAsync(IReadOnlyList<Worker> workers)
    {
        await PipelineTestKit.WaitForAsync(() => workers.Sum(w => w.Pipeline.InFlight) > 0);
    }

    private Worker Start(string topic, string group, ElasticsearchClient client)
    {
        var options = new PipelineOptions
        {
            Topic = topic,
            GroupId = group,
            BatchMaxDocuments = 100,
            BatchLinger = TimeSpan.FromMilliseconds(50),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            CommitInterval = TimeSpan.FromMilliseconds(200),
            EnrichParallelism = 2,
            // Little in flight per worker, and a revocation that gives up waiting well inside one join round (below):
            // a member still busy revoking when the next round closes misses it and costs the group another round.
            ChannelCapacity = 64,
            RevokeTimeout = TimeSpan.FromMilliseconds(500),
            DrainTimeout = TimeSpan.FromSeconds(5),
        };
        // As the worker runs by default: incremental (cooperative) rebalances.
        var config = kafka.ConsumerConfig(group);
        config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky;
        // The mock's coordinator, unlike a broker, never ends a join round early when every member has rejoined: each
        // round waits session.timeout.ms − 1 s, and a cooperative change takes two rounds (revoke, then assign). At
        // 6 s that is 10 s by construction of the mock whatever the worker does; at 3 s it is 4 s, and what is left
        // of the 10 s is what the worker's revocation may cost. Frequent heartbeats tell members of a round early.
        config.SessionTimeoutMs = 3_000;
        config.HeartbeatIntervalMs = 300;
        var logger = new CapturingLogger<IngestPipeline>();
        var metrics = new PipelineMetrics(meterName: "test-" + Guid.NewGuid().ToString("N"));
        var deadLetters = new CollectingDeadLetterSink();
        var pipeline = new IngestPipeline(options, config, new TextRecordProcessor(), new ElasticsearchDocumentSink(client), deadLetters, metrics, logger);
        return new Worker(new RunningPipeline(pipeline, metrics), logger, deadLetters);
    }

    private sealed record Worker(RunningPipeline Running, CapturingLogger<IngestPipeline> Logger, CollectingDeadLetterSink DeadLetters) : IAsyncDisposable
    {
        public IngestPipeline Pipeline => Running.Pipeline;

        public PipelineMetrics Metrics => Running.Metrics;

        public Task StopAsync() => Running.StopAsync();

        public ValueTask DisposeAsync() => Running.DisposeAsync();
    }

    /// <summary>Produces "tweet:0", "tweet:1", … in small bursts until stopped; returns how many were acknowledged.</summary>
    private sealed class SteadyProducer : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task<int> run;

        public SteadyProducer(KafkaMockCluster kafka, string topic) => run = Task.Run(() => RunAsync(kafka, topic, stop.Token));

        public async Task<int> StopAsync()
        {
            await stop.CancelAsync();
            return await run;
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await ((Task)run).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            stop.Dispose();
        }

        private static async Task<int> RunAsync(KafkaMockCluster kafka, string topic, CancellationToken token)
        {
            using var producer = new ProducerBuilder<byte[], byte[]>(kafka.ProducerConfig()).Build();
            var next = 0;
            while (!token.IsCancellationRequested)
            {
                var burst = new List<Task>(100);
                for (var i = 0; i < 100; i++, next++)
                {
                    var id = "tweet:" + next.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    burst.Add(producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(id), Value = Encoding.UTF8.GetBytes(id) }, CancellationToken.None));
                }

                // Every burst is acknowledged before the next, so "produced" is exact when the loop ends.
                await Task.WhenAll(burst);
                await Task.Delay(50, CancellationToken.None);
            }

            return next;
        }
    }
}
