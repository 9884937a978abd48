using System.Net;
using System.Text;
using System.Text.Json;
using Etl.Elastic;
using Etl.Elastic.Transport;
using Etl.Enrichment.Embedding;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Kafka;
using Etl.Worker.Indexing;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>The embed stage with the http embedder: batched across records, and an embedding server outage is a pause.</summary>
public sealed class EmbedStageTests(KafkaMockCluster kafka) : IClassFixture<KafkaMockCluster>
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    /// <summary>An OpenAI-compatible /v1/embeddings answerer that can be switched off (connections refused).</summary>
    private sealed class EmbeddingServer : HttpMessageHandler
    {
        private int requests;

        public volatile bool Down;

        public int Requests => Volatile.Read(ref requests);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref requests);
            if (Down)
            {
                throw new HttpRequestException("Connection refused (embeddings.test:80)", null, HttpStatusCode.ServiceUnavailable);
            }

            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            var inputs = body.RootElement.GetProperty("input").EnumerateArray().Select(e => e.GetString()!).ToList();
            var data = inputs.Select((text, i) => new { index = i, embedding = Enumerable.Range(0, 384).Select(d => d == text.Length % 384 ? 1f : 0.01f).ToArray() });
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(JsonSerializer.Serialize(new { data }), Encoding.UTF8, "application/json"),
            };
        }
    }

    [Fact]
    public async Task The_http_embedder_going_away_pauses_the_pipeline_and_nothing_is_dead_lettered()
    {
        const int count = 300;
        var topic = kafka.CreateTopic("embed-http", partitions: 2);
        await PipelineTestKit.ProduceAsync(kafka, topic, Enumerable.Range(0, count).Select(i => $"tweet:{i}"));
        await using var es = await ElasticsearchStub.StartAsync();
        var server = new EmbeddingServer { Down = true };
        var embedder = EmbedderFactory.Create(
            new EmbeddingOptions { Provider = "http", Endpoint = new Uri("http://embeddings.test/"), Model = "all-minilm", BatchSize = 64 },
            new HttpClient(server));
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

        await clock.AdvanceUntilAsync(() => server.Requests >= 3 && !pipeline.IsReady, Step);
        Assert.Empty(es.IndexedIds);
        Assert.Contains("embedder", pipeline.Health.Problem() ?? "");

        server.Down = false;
        await clock.AdvanceUntilAsync(() => es.IndexedIds.Count == count, Step);

        Assert.Empty(deadLetters.Records);
        Assert.All(es.Documents, d => Assert.Contains("\"embedding\"", d.Source));
        var embeddingCalls = server.Requests;
        await clock.AdvanceUntilAsync(() => pipeline.IsReady, Step);
        // Batched across records: far fewer calls than tweets, even counting the failed ones.
        Assert.True(embeddingCalls < count / 2, $"{embeddingCalls} embedding requests for {count} tweets");
    }
}
