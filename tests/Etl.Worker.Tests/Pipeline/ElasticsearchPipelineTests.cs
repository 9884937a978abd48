using Confluent.Kafka;
using Etl.Elastic;
using Etl.Elastic.Transport;
using etl.tweets;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Kafka;
using Etl.Worker.DeadLetters;
using Etl.Worker.Indexing;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>
/// The pipeline against the Elasticsearch contract stub: real bulk requests and real response shapes. The pipeline runs
/// on a <see cref="FakeClock"/>, so its retry backoff and the outage pass in pipeline time the test advances.
/// </summary>
public sealed class ElasticsearchPipelineTests : IClassFixture<KafkaMockCluster>
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);
    private readonly KafkaMockCluster kafka;

    public ElasticsearchPipelineTests(KafkaMockCluster kafka) => this.kafka = kafka;

    [Fact]
    public async Task N_records_become_exactly_N_documents_through_429_items_503_requests_and_an_outage()
    {
        const int count = 2_500;
        var topic = kafka.CreateTopic("es", partitions: 3);
        var values = Enumerable.Range(0, count).Select(i => $"tweet:{i}").Append("tweet:rejected").Append("garbage");
        await PipelineTestKit.ProduceAsync(kafka, topic, values);

        await using var es = await ElasticsearchStub.StartAsync();
        es.BulkItemRule = item => item.Id == "rejected"
            ? ItemOutcome.DocumentParsing("retweet_count", item.Id)
            : item.Id.EndsWith('7') && item.Attempt == 1 ? ItemOutcome.Rejected() : null;
        es.FailNextRequests(503, 4);
        using var client = new ElasticsearchClient(new ElasticsearchOptions { Url = es.Url.ToString(), RequestTimeout = TimeSpan.FromSeconds(5) });
        // Dead letters go to a real dead-letter topic as Avro, as in production.
        var dlqTopic = kafka.CreateTopic("es-dlq", partitions: 1);
        await using var registry = await LocalRegistry.StartAsync(topic, dlqTopic);
        using var deadLetters = new KafkaDeadLetterSink(kafka.ProducerConfig(), registry.Client, dlqTopic);
        var metrics = new PipelineMetrics(meterName: "test-" + Guid.NewGuid().ToString("N"));
        var options = new PipelineOptions
        {
            Topic = topic,
            GroupId = "g-" + Guid.NewGuid().ToString("N"),
            BatchMaxDocuments = 200,
            BatchLinger = TimeSpan.FromMilliseconds(50),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(300),
            CommitInterval = TimeSpan.FromMilliseconds(200),
            EnrichParallelism = 2,
        };
        var clock = new FakeClock();
        using var pipeline = new IngestPipeline(options, kafka.ConsumerConfig(options.GroupId), new TextRecordProcessor(),
            new ElasticsearchDocumentSink(client), deadLetters, metrics, NullLogger<IngestPipeline>.Instance, clock.Time);
        using var stop = new CancellationTokenSource();
        var run = pipeline.RunAsync(stop.Token);

        // Elasticsearch goes away part way through for two seconds of the pipeline's time (several resends at up to
        // RetryMaxDelay), then comes back on the same address.
        await clock.AdvanceUntilAsync(() => es.IndexedIds.Count >= count / 3, Step);
        await es.SetDownAsync(true);
        await clock.AdvanceUntilAsync(() => metrics.IsPaused, Step);
        var indexedAtOutage = es.IndexedIds.Count;
        var resumedDuringOutage = 0;
        await clock.AdvanceAsync(TimeSpan.FromSeconds(2), Step, () => resumedDuringOutage += metrics.IsPaused ? 0 : 1);
        Assert.Equal(0, resumedDuringOutage);
        Assert.Equal(indexedAtOutage, es.IndexedIds.Count);
        await es.SetDownAsync(false);

        await clock.AdvanceUntilAsync(() => es.IndexedIds.Count == count && metrics.DeadLettered == 2, Step);
        await stop.CancelAsync();
        await clock.AdvanceUntilAsync(() => run.IsCompleted, Step);
        await run;

        Assert.Equal(count, es.IndexedIds.Count);
        Assert.DoesNotContain("rejected", es.IndexedIds);
        Assert.True(metrics.Retried > 0, "429 items were retried");
        var letters = ReadDeadLetters(dlqTopic, registry, expected: 2);
        var rejected = Assert.Single(letters, r => r.Stage == DeadLetterStage.index);
        Assert.Equal(400, rejected.EsStatus);
        Assert.Equal("document_parsing_exception", rejected.ErrorType);
        Assert.Contains("retweet_count", rejected.EsReason);
        Assert.Equal("tweet:rejected"u8.ToArray(), rejected.Value);
        var garbage = Assert.Single(letters, r => r.Stage == DeadLetterStage.deserialize);
        Assert.Equal("garbage"u8.ToArray(), garbage.Value);
        Assert.Equal(topic, garbage.SourceTopic);

        // Every bulk request used the tweet id as _id, so a replay can only overwrite.
        var bulkBodies = es.RequestsTo("POST", "/_bulk").Select(r => r.BodyText).ToList();
        Assert.All(bulkBodies, b => Assert.EndsWith("\n", b));
        Assert.Contains(bulkBodies, b => b.Contains("{\"index\":{\"_id\":\"1\",\"_index\":\"tweets-2024.05\"}}", StringComparison.Ordinal));
    }

    private List<DeadLetter> ReadDeadLetters(string topic, LocalRegistry registry, int expected)
    {
        using var consumer = new ConsumerBuilder<byte[], DeadLetter>(kafka.ConsumerConfig("g-" + Guid.NewGuid().ToString("N")))
            .SetValueDeserializer(registry.Deserializer<DeadLetter>())
            .Build();
        consumer.Subscribe(topic);
        var letters = new List<DeadLetter>();
        var deadline = DateTime.UtcNow + PipelineTestKit.Patience;
        while (letters.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                letters.Add(result.Message.Value);
            }
        }

        consumer.Close();
        return letters;
    }
}
