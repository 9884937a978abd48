using Etl.Elastic;
using Etl.Elastic.Transport;
using Etl.Enrichment.Embedding;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Embedding;
using Etl.Testing.Kafka;
using Etl.Worker.Indexing;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>
/// The embed stage with the http embedder against a real server on loopback (OpenAI's /v1/embeddings shape): batched
/// across records, and the server going away (connections refused) is a pause, not dead letters.
/// </summary>
public sealed class EmbedStageTests(KafkaMockCluster kafka) : IClassFixture<KafkaMockCluster>
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task The_http_embedder_going_away_pauses_the_pipeline_and_nothing_is_dead_lettered()
    {
        const int count = 300;
        var topic = kafka.CreateTopic("embed-http", partitions: 2);
        await PipelineTestKit.ProduceAsync(kafka, topic, Enumerable.Range(0, count).Select(i => $"tweet:{i}"));
        await using var es = await ElasticsearchStub.StartAsync();
        await using var server = await EmbeddingServerStub.StartAsync();
        await server.SetDownAsync(true);
        using var http = new HttpClient();
        var embedder = EmbedderFactory.Create(
            new EmbeddingOptions { Provider = "http", Endpoint = server.Url, Model = "all-minilm", BatchSize = 64 },
            http);
        var clock = new FakeClock();
        var options = new PipelineOptions
        {
            Topic = topic,
            GroupId = "g-" + Guid.NewGuid().ToString("N"),
            BatchMaxDocuments = 100,
            BatchLinger = TimeSpan.FromMilliseconds(100),
            RetryBaseDelay = TimeSpan.FromMilliseconds(200),
            RetryMaxDelay = TimeSpan.FromSeconds(2),
            CommitInterval = TimeSpan.FromMilliseconds(500),
            EnrichParallelism = 2,
            EmbedBatchSize = 50,
            EmbedLinger = TimeSpan.Zero,
            DrainTimeout = TimeSpan.FromSeconds(5),
        };
        var client = new ElasticsearchClient(new ElasticsearchOptions { Url = es.Url.ToString(), RequestTimeout = TimeSpan.FromSeconds(5) });
        var deadLetters = new CollectingDeadLetterSink();
        var metrics = new PipelineMetrics(meterName: "test-" + Guid.NewGuid().ToString("N"));
        var pipeline = new IngestPipeline(options, kafka.ConsumerConfig(options.GroupId), new TextRecordProcessor(),
            new ElasticsearchDocumentSink(client), deadLetters, metrics, NullLogger<IngestPipeline>.Instance, clock.Time, embedder);
        await using var run = new RunningPipeline(pipeline, metrics, client);

        await clock.AdvanceUntilAsync(() => !pipeline.IsReady && (pipeline.Health.Problem() ?? "").Contains("embedder", StringComparison.Ordinal), Step);
        Assert.Empty(es.IndexedIds);

        await server.SetDownAsync(false);
        await clock.AdvanceUntilAsync(() => es.IndexedIds.Count == count, Step);

        Assert.Empty(deadLetters.Records);
        Assert.All(es.Documents, d => Assert.Contains("\"embedding\"", d.Source));
        var embeddingCalls = server.Requests;
        await clock.AdvanceUntilAsync(() => pipeline.IsReady, Step);
        // Batched across records: far fewer calls than tweets.
        Assert.True(embeddingCalls < count / 2, $"{embeddingCalls} embedding requests for {count} tweets");
    }
}
