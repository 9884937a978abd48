using Confluent.Kafka;
using Etl.Testing.Kafka;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Microsoft.Extensions.Logging;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>Workers joining and leaving a busy group: prompt reassignment, every record indexed, no stale commits.</summary>
public sealed class RebalanceTests : IClassFixture<KafkaMockCluster>
{
    private static readonly TimeSpan Reassignment = TimeSpan.FromSeconds(10);
    private readonly KafkaMockCluster kafka;

    public RebalanceTests(KafkaMockCluster kafka) => this.kafka = kafka;

    [Fact]
    public async Task A_worker_joining_and_one_leaving_a_busy_group_get_every_partition_reassigned_within_ten_seconds_and_index_every_record()
    {
        const int partitions = 6;
        const int count = 30_000;
        var topic = kafka.CreateTopic("rebalance", partitions);
        kafka.Cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        await PipelineTestKit.ProduceAsync(kafka, topic, Enumerable.Range(0, count).Select(i => $"tweet:{i}"));
        // Slow enough that every worker has records in flight whenever the group changes.
        var sink = new ScriptedSink { Delay = TimeSpan.FromMilliseconds(40) };
        var group = "g-" + Guid.NewGuid().ToString("N");
        var workers = new List<Worker>();
        try
        {
            workers.Add(Start(topic, group, sink));
            workers.Add(Start(topic, group, sink));
            await WaitForAssignmentAsync(workers, partitions, "two workers form the group");
            await PipelineTestKit.WaitForAsync(() => sink.DistinctIds.Count > 500);

            workers.Add(Start(topic, group, sink));
            await WaitForAssignmentAsync(workers, partitions, "a third worker joins", mustHold: workers[2]);
            Assert.True(sink.DistinctIds.Count < count, "the group changed while records were still flowing");

            await workers[0].StopAsync();
            await WaitForAssignmentAsync(workers.Skip(1).ToList(), partitions, "the first worker leaves");

            await PipelineTestKit.WaitForAsync(() => sink.DistinctIds.Count == count);
            Assert.Equal(count, sink.DistinctIds.Count);
            var commitProblems = workers.SelectMany(w => w.Logger.Entries).Where(e => e.Level >= LogLevel.Warning && e.Message.Contains("commit", StringComparison.OrdinalIgnoreCase)).Select(e => e.Message).ToList();
            Assert.True(commitProblems.Count == 0, string.Join("\n", commitProblems));
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    private static async Task WaitForAssignmentAsync(IReadOnlyList<Worker> workers, int partitions, string what, Worker? mustHold = null)
    {
        var deadline = DateTime.UtcNow + Reassignment;
        while (workers.Sum(w => w.Pipeline.AssignedPartitions) != partitions || mustHold?.Pipeline.AssignedPartitions == 0)
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"{what}: partitions not all reassigned within {Reassignment} (held: {string.Join(", ", workers.Select(w => w.Pipeline.AssignedPartitions))})\n" +
                string.Join("\n", workers.SelectMany((w, i) => w.Logger.Entries.Select(e => $"{e.At:HH:mm:ss.fff} worker {i}: {e.Level} {e.Message}")).Order()));
            await Task.Delay(25);
        }
    }

    private Worker Start(string topic, string group, ScriptedSink sink)
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
            ChannelCapacity = 256,
        };
        // As the worker runs by default: incremental (cooperative) rebalances.
        var config = kafka.ConsumerConfig(group);
        config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky;
        var logger = new CapturingLogger<IngestPipeline>();
        var metrics = new PipelineMetrics(meterName: "test-" + Guid.NewGuid().ToString("N"));
        var pipeline = new IngestPipeline(options, config, new TextRecordProcessor(), sink, new CollectingDeadLetterSink(), metrics, logger);
        return new Worker(new RunningPipeline(pipeline, metrics), logger);
    }

    private sealed record Worker(RunningPipeline Running, CapturingLogger<IngestPipeline> Logger) : IAsyncDisposable
    {
        public IngestPipeline Pipeline => Running.Pipeline;

        public Task StopAsync() => Running.StopAsync();

        public ValueTask DisposeAsync() => Running.DisposeAsync();
    }
}
