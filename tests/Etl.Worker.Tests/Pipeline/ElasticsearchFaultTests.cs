using System.Text.Json;
using Etl.Elastic;
using Etl.Elastic.Transport;
using etl.tweets;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Kafka;
using Etl.Worker.Indexing;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>
/// Whole-request failures of Elasticsearch, answered by the contract stub with real response shapes: each must end
/// with everything indexed (or only the culprit dead-lettered), a bounded number of requests, and no hang.
/// </summary>
public sealed class ElasticsearchFaultTests : IClassFixture<KafkaMockCluster>
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);
    private readonly KafkaMockCluster kafka;

    public ElasticsearchFaultTests(KafkaMockCluster kafka) => this.kafka = kafka;

    [Fact]
    public async Task A_record_that_makes_every_request_holding_it_fail_with_400_is_the_only_dead_letter()
    {
        const int count = 1_000;
        var topic = kafka.CreateTopic("bisect", partitions: 2);
        await PipelineTestKit.ProduceAsync(kafka, topic, Enumerable.Range(0, count).Select(i => $"tweet:{i}").Append("tweet:poison"));
        await using var es = await ElasticsearchStub.StartAsync();
        const string reason = "[1:2] Unexpected character ('p' (code 112)): was expecting double-quote to start field name";
        es.RequestRule = r => IsBulk(r) && r.BodyText.Contains("\"_id\":\"poison\"", StringComparison.Ordinal)
            ? new StubResponse(400, ElasticsearchErrorBodies.Error(400, "x_content_parse_exception", reason))
            : null;
        var clock = new FakeClock();
        await using var run = Start(topic, es, clock, out var deadLetters, out _);

        await clock.AdvanceUntilAsync(() => es.IndexedIds.Count == count && !deadLetters.Records.IsEmpty, Step);

        var letter = Assert.Single(deadLetters.Records);
        Assert.Equal(DeadLetterStage.index, letter.Stage);
        Assert.Equal(400, letter.ElasticsearchStatus);
        Assert.Contains("Unexpected character", letter.ElasticsearchReason ?? letter.ErrorMessage);
        Assert.Equal("tweet:poison"u8.ToArray(), letter.Value);
        // The batches (≤ 100 documents) plus about log2(100) halvings on each side of the culprit.
        Assert.InRange(es.RequestsTo("POST", "/_bulk").Count, 11, count / 100 * 3 + 2 * 8);

        // The pipeline goes on.
        await PipelineTestKit.ProduceAsync(kafka, topic, Enumerable.Range(count, 50).Select(i => $"tweet:{i}"));
        await clock.AdvanceUntilAsync(() => es.IndexedIds.Count == count + 50, Step);
        Assert.Single(deadLetters.Records);
    }

    [Fact]
    public async Task Unauthorized_for_ten_seconds_pauses_reports_not_ready_then_indexes_everything_with_no_dead_letters()
    {
        const int count = 500;
        var topic = await TopicWithTweetsAsync("auth", count);
        await using var es = await ElasticsearchStub.StartAsync();
        es.FailAllRequests(401);
        var clock = new FakeClock();
        await using var run = Start(topic, es, clock, out var deadLetters, out _);

        await clock.AdvanceUntilAsync(() => !run.Pipeline.SinkAvailable, Step);
        var requestsAtPause = es.RequestsTo("POST", "/_bulk").Count;
        var readyDuringOutage = 0;
        await clock.AdvanceAsync(TimeSpan.FromSeconds(10), Step, () => readyDuringOutage += run.Pipeline.SinkAvailable ? 1 : 0);

        Assert.Equal(0, readyDuringOutage);
        Assert.Empty(es.IndexedIds);
        Assert.Empty(deadLetters.Records);
        // Backing off between attempts (up to RetryMaxDelay = 2 s), not hammering a cluster that refuses us.
        Assert.InRange(es.Requests.Count - requestsAtPause, 1, 15);

        es.StopFailing();
        await clock.AdvanceUntilAsync(() => es.IndexedIds.Count == count && run.Pipeline.SinkAvailable, Step);
        Assert.Empty(deadLetters.Records);
    }

    [Fact]
    public async Task Requests_answered_413_are_split_until_they_fit_and_everything_is_indexed()
    {
        const int count = 600;
        var topic = await TopicWithTweetsAsync("too-large", count);
        await using var es = await ElasticsearchStub.StartAsync();
        es.RequestRule = r => IsBulk(r) && r.NdjsonLines().Count > 2 * 30
            ? new StubResponse(413, ElasticsearchErrorBodies.Error(413, "content_too_long_exception", "request body is too large"))
            : null;
        var clock = new FakeClock();
        await using var run = Start(topic, es, clock, out var deadLetters, out _);

        await clock.AdvanceUntilAsync(() => es.IndexedIds.Count == count, Step);

        Assert.Empty(deadLetters.Records);
    }

    [Fact]
    public async Task An_empty_200_answer_and_a_truncated_body_are_retried_and_nothing_is_lost()
    {
        const int count = 400;
        var topic = await TopicWithTweetsAsync("garbled", count);
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("POST", "/_bulk", 200, "{}");
        es.Enqueue("POST", "/_bulk", 200, """{"took":3,"errors":false,"items":[{"index":{"_index":"tweets-2024.05","_id":"1","_ver""");
        var clock = new FakeClock();
        await using var run = Start(topic, es, clock, out var deadLetters, out _);

        await clock.AdvanceUntilAsync(() => es.IndexedIds.Count == count, Step);

        Assert.Empty(deadLetters.Records);
        await clock.AdvanceUntilAsync(() => run.Pipeline.InFlight == 0, Step);
    }

    [Fact]
    public async Task Two_versions_of_one_tweet_in_order_on_one_partition_leave_the_newer_in_elasticsearch_with_parallel_enrichment()
    {
        const int ids = 300;
        var topic = kafka.CreateTopic("order", partitions: 2);
        await PipelineTestKit.ProduceAsync(kafka, topic, Enumerable.Range(0, ids).SelectMany(i => new[] { ($"{i}", $"{i}#1"), ($"{i}", $"{i}#2") }));
        await using var es = await ElasticsearchStub.StartAsync();
        var clock = new FakeClock();
        await using var run = Start(topic, es, clock, out _, out _, new VersionedRecordProcessor(), parallelism: 4);

        await clock.AdvanceUntilAsync(() => es.IndexedIds.Count == ids && run.Pipeline.InFlight == 0 && run.Metrics.Consumed == 2 * ids, Step);

        var stale = es.Documents.Where(d => JsonDocument.Parse(d.Source!).RootElement.GetProperty("text").GetString() != "version 2").Select(d => d.Id).ToList();
        Assert.Empty(stale);
    }

    private async Task<string> TopicWithTweetsAsync(string prefix, int count)
    {
        var topic = kafka.CreateTopic(prefix, partitions: 2);
        await PipelineTestKit.ProduceAsync(kafka, topic, Enumerable.Range(0, count).Select(i => $"tweet:{i}"));
        return topic;
    }

    private static bool IsBulk(RecordedRequest request) => request.Method == "POST" && request.Path.EndsWith("/_bulk", StringComparison.Ordinal);

    private RunningPipeline Start(
        string topic, ElasticsearchStub es, FakeClock clock, out CollectingDeadLetterSink deadLetters, out PipelineMetrics metrics,
        IRecordProcessor? processor = null, int parallelism = 2)
    {
        var options = new PipelineOptions
        {
            Topic = topic,
            GroupId = "g-" + Guid.NewGuid().ToString("N"),
            BatchMaxDocuments = 100,
            BatchLinger = TimeSpan.FromMilliseconds(100),
            RetryBaseDelay = TimeSpan.FromMilliseconds(200),
            RetryMaxDelay = TimeSpan.FromSeconds(2),
            CommitInterval = TimeSpan.FromMilliseconds(500),
            EnrichParallelism = parallelism,
            DrainTimeout = TimeSpan.FromSeconds(5),
        };
        var client = new ElasticsearchClient(new ElasticsearchOptions { Url = es.Url.ToString(), RequestTimeout = TimeSpan.FromSeconds(5) });
        deadLetters = new CollectingDeadLetterSink();
        metrics = new PipelineMetrics(meterName: "test-" + Guid.NewGuid().ToString("N"));
        var pipeline = new IngestPipeline(options, kafka.ConsumerConfig(options.GroupId), processor ?? new TextRecordProcessor(),
            new ElasticsearchDocumentSink(client), deadLetters, metrics, NullLogger<IngestPipeline>.Instance, clock.Time);
        return new RunningPipeline(pipeline, metrics, client);
    }
}
