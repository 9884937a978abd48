using System.Text;
using Confluent.Kafka;
using Etl.Testing.Kafka;
using Etl.Worker.Indexing;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using etl.tweets;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>
/// The pipeline on the mock cluster with a scripted sink. Where a test waits on retry backoff (429 items, 503 requests,
/// an outage) the pipeline runs on a <see cref="FakeClock"/> the test advances; rebalances are waited for by the
/// partitions each worker holds, never by sleeping.
/// </summary>
public sealed class IngestPipelineTests : IClassFixture<KafkaMockCluster>
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);
    private readonly KafkaMockCluster kafka;

    public IngestPipelineTests(KafkaMockCluster kafka) => this.kafka = kafka;

    [Fact]
    public async Task Every_record_is_indexed_once_through_item_429s_and_whole_request_503s_and_rejects_go_to_the_dead_letter_sink()
    {
        const int count = 3_000;
        var topic = kafka.CreateTopic("pipeline", partitions: 4);
        await PipelineTestKit.ProduceAsync(kafka, topic, Enumerable.Range(0, count).Select(i => $"tweet:{i}")
            .Append("tweet:rejected").Append("\u0000garbage\u00ff"));

        var sink = new ScriptedSink
        {
            // Every tenth document is answered 429 twice before it is taken; one is refused for good.
            ItemRule = (id, attempt) => id == "rejected"
                ? new SinkItemResult(400, "document_parsing_exception", "failed to parse field [retweet_count]")
                : id.EndsWith('0') && attempt <= 2 ? new SinkItemResult(429, "es_rejected_execution_exception", "queue full") : null,
        };
        sink.FailNextRequests(3);
        var deadLetters = new CollectingDeadLetterSink();
        var group = NewGroup();

        await RunUntilAsync(topic, group, sink, deadLetters, () => sink.DistinctIds.Count == count && deadLetters.Records.Count == 2, new FakeClock());

        Assert.Equal(count, sink.DistinctIds.Count);
        Assert.Equal(count, sink.Writes);
        var rejected = Assert.Single(deadLetters.Records, r => r.Stage == DeadLetterStage.index);
        Assert.Equal(400, rejected.ElasticsearchStatus);
        Assert.Contains("failed to parse field [retweet_count]", rejected.ElasticsearchReason);
        Assert.Equal("document_parsing_exception", rejected.ErrorType);
        var garbage = Assert.Single(deadLetters.Records, r => r.Stage == DeadLetterStage.deserialize);
        Assert.Equal(Encoding.UTF8.GetBytes("\u0000garbage\u00ff"), garbage.Value);
        Assert.Equal(topic, garbage.Topic);

        // Everything is committed: a new consumer in the group has nothing left to read.
        Assert.Equal(count + 2, await CommittedTotalAsync(topic, group, partitions: 4));
    }

    [Fact]
    public async Task A_worker_that_crashes_mid_batch_loses_nothing_when_restarted()
    {
        const int count = 4_000;
        var topic = kafka.CreateTopic("crash", partitions: 3);
        await PipelineTestKit.ProduceAsync(kafka, topic, Enumerable.Range(0, count).Select(i => $"tweet:{i}"));
        var sink = new ScriptedSink { Delay = TimeSpan.FromMilliseconds(30) };
        var deadLetters = new CollectingDeadLetterSink();
        var group = NewGroup();

        // First run: abandoned without a clean stop once some documents are in.
        using (var first = NewPipeline(topic, group, sink, deadLetters))
        {
            var run = first.RunAsync(CancellationToken.None);
            await PipelineTestKit.WaitForAsync(() => sink.DistinctIds.Count >= count / 4);
            first.Abort();
            await run;
        }

        Assert.True(sink.DistinctIds.Count < count, "the crash should leave work undone");

        await RunUntilAsync(topic, group, sink, deadLetters, () => sink.DistinctIds.Count == count);
        Assert.Equal(count, sink.DistinctIds.Count);
        Assert.Empty(deadLetters.Records);
        Assert.Equal(count, await CommittedTotalAsync(topic, group, partitions: 3));
    }

    [Fact]
    public async Task Two_workers_in_one_group_split_the_partitions_and_index_everything_together()
    {
        const int count = 3_000;
        var topic = kafka.CreateTopic("split", partitions: 6);
        var sink = new ScriptedSink();
        var deadLetters = new CollectingDeadLetterSink();
        var group = NewGroup();
        var firstMetrics = NewMetrics();
        var secondMetrics = NewMetrics();
        using var first = NewPipeline(topic, group, sink, deadLetters, firstMetrics);
        using var second = NewPipeline(topic, group, sink, deadLetters, secondMetrics);
        using var stop = new CancellationTokenSource();
        var runs = new[] { first.RunAsync(stop.Token), second.RunAsync(stop.Token) };

        // Both hold their share before there is anything to read. With incremental rebalancing the first member gives
        // up partitions before the second is assigned them, so both holding some and all six held is the settled state.
        await PipelineTestKit.WaitForAsync(() => first.AssignedPartitions > 0 && second.AssignedPartitions > 0 && first.AssignedPartitions + second.AssignedPartitions == 6);
        await PipelineTestKit.ProduceAsync(kafka, topic, Enumerable.Range(0, count).Select(i => $"tweet:{i}"));
        await PipelineTestKit.WaitForAsync(() => sink.DistinctIds.Count == count);
        await stop.CancelAsync();
        await Task.WhenAll(runs);

        Assert.Equal(count, sink.DistinctIds.Count);
        Assert.True(firstMetrics.Indexed > 0 && secondMetrics.Indexed > 0, $"both workers index: {firstMetrics.Indexed} and {secondMetrics.Indexed}");
        Assert.Equal(count, firstMetrics.Indexed + secondMetrics.Indexed);
    }

    [Fact]
    public async Task While_the_sink_is_down_consumption_pauses_and_everything_is_indexed_when_it_returns()
    {
        const int count = 2_000;
        var topic = kafka.CreateTopic("outage", partitions: 2);
        await PipelineTestKit.ProduceAsync(kafka, topic, Enumerable.Range(0, count).Select(i => $"tweet:{i}"));
        var sink = new ScriptedSink { Down = true };
        var deadLetters = new CollectingDeadLetterSink();
        var metrics = NewMetrics();
        var clock = new FakeClock();
        using var pipeline = NewPipeline(topic, NewGroup(), sink, deadLetters, metrics, clock);
        using var stop = new CancellationTokenSource();
        var run = pipeline.RunAsync(stop.Token);

        await clock.AdvanceUntilAsync(() => metrics.IsPaused, Step);
        Assert.Empty(sink.DistinctIds);
        Assert.False(pipeline.SinkAvailable);

        sink.Down = false;
        await clock.AdvanceUntilAsync(() => sink.DistinctIds.Count == count, Step);
        await clock.AdvanceUntilAsync(() => !metrics.IsPaused, Step);
        await StopAsync(stop, run, clock);

        Assert.Equal(count, sink.DistinctIds.Count);
        Assert.Empty(deadLetters.Records);
    }

    // Each pipeline gets its own meter: one named like the worker's would be counted by every in-process worker host's
    // /metrics running in parallel (HttpEmbedderHostTests saw its indexed total inflated by these tests).
    private static PipelineMetrics NewMetrics() => new(meterName: "test-" + Guid.NewGuid().ToString("N"));

    private static PipelineOptions Options() => new()
    {
        BatchMaxDocuments = 250,
        BatchLinger = TimeSpan.FromMilliseconds(50),
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        CommitInterval = TimeSpan.FromMilliseconds(200),
        EnrichParallelism = 2,
        ChannelCapacity = 512,
    };

    private IngestPipeline NewPipeline(string topic, string group, IDocumentSink sink, IDeadLetterSink deadLetters, PipelineMetrics? metrics = null, FakeClock? clock = null)
    {
        var options = Options();
        options.Topic = topic;
        options.GroupId = group;
        return new IngestPipeline(options, kafka.ConsumerConfig(group), new TextRecordProcessor(), sink, deadLetters,
            metrics ?? NewMetrics(), NullLogger<IngestPipeline>.Instance, clock?.Time);
    }

    /// <summary>Runs a pipeline until <paramref name="done"/>, then stops it; on <paramref name="clock"/>'s time when given, advanced meanwhile.</summary>
    private async Task RunUntilAsync(string topic, string group, IDocumentSink sink, IDeadLetterSink deadLetters, Func<bool> done, FakeClock? clock = null)
    {
        using var pipeline = NewPipeline(topic, group, sink, deadLetters, clock: clock);
        using var stop = new CancellationTokenSource();
        var run = pipeline.RunAsync(stop.Token);
        if (clock is null)
        {
            await PipelineTestKit.WaitForAsync(done);
            await stop.CancelAsync();
            await run;
        }
        else
        {
            await clock.AdvanceUntilAsync(done, Step);
            await StopAsync(stop, run, clock);
        }

        Assert.Equal(0, pipeline.InFlight);
    }

    /// <summary>Stops a pipeline on a fake clock, advancing it meanwhile so whatever the stop waits on in pipeline time passes.</summary>
    private static async Task StopAsync(CancellationTokenSource stop, Task run, FakeClock clock)
    {
        await stop.CancelAsync();
        await clock.AdvanceUntilAsync(() => run.IsCompleted, Step);
        await run;
    }


    private async Task<long> CommittedTotalAsync(string topic, string group, int partitions)
    {
        await Task.Yield();
        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.ConsumerConfig(group)).Build();
        var committed = consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10));
        return committed.Sum(c => c.Offset.Value < 0 ? 0 : c.Offset.Value);
    }

    private static string NewGroup() => "g-" + Guid.NewGuid().ToString("N");
}
