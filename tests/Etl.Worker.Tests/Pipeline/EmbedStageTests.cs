using System.Net;
using System.Text.Json;
using Etl.Elastic;
using Etl.Elastic.Transport;
using Etl.Enrichment.Embedding;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Kafka;
using Etl.Worker.Indexing;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>The embed stage with the http embedder: batched across records, and an embedding server outage is a pause.</summary>
public sealed class EmbedStageTests(KafkaMockCluster kafka) : IClassFixture<KafkaMockCluster>
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// An OpenAI-compatible <c>/v1/embeddings</c> server on Kestrel, on a fixed loopback port: before <see cref="StartAsync"/>
    /// (or after <see cref="StopAsync"/>) nothing listens there and connections are refused, as when the server is down.
    /// </summary>
    private sealed class EmbeddingServer : IAsyncDisposable
    {
        private readonly int port = Etl.Testing.Network.FreeTcpPort.Next();
        private WebApplication? app;
        private int requests;

        public Uri Url => new($"http://127.0.0.1:{port}/");

        public int Requests => Volatile.Read(ref requests);

        public async Task StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
            app = builder.Build();
            app.MapPost("/v1/embeddings", async (HttpContext context) =>
            {
                Interlocked.Increment(ref requests);
                using var body = await JsonDocument.ParseAsync(context.Request.Body);
                var inputs = body.RootElement.GetProperty("input").EnumerateArray().Select(e => e.GetString()!).ToList();
                var data = inputs.Select((text, i) => new { index = i, embedding = Enumerable.Range(0, 384).Select(d => d == text.Length % 384 ? 1f : 0.01f).ToArray() });
                return Results.Json(new { data });
            });
            await app.StartAsync();
        }

        public async Task StopAsync()
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
                app = null;
            }
        }

        public ValueTask DisposeAsync() => new(StopAsync());
    }

    [Fact]
    public async Task The_http_embedder_going_away_pauses_the_pipeline_and_nothing_is_dead_lettered()
    {
        const int count = 300;
        var topic = kafka.CreateTopic("embed-http", partitions: 2);
        await PipelineTestKit.ProduceAsync(kafka, topic, Enumerable.Range(0, count).Select(i => $"tweet:{i}"));
        await using var es = await ElasticsearchStub.StartAsync();
        // Down from the start: nothing listens on its port yet.
        await using var server = new EmbeddingServer();
        var embedder = EmbedderFactory.Create(
            new EmbeddingOptions { Provider = "http", Endpoint = server.Url, Model = "all-minilm", BatchSize = 64, Timeout = TimeSpan.FromSeconds(5) },
            new HttpClient());
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
        Assert.Contains("embedder", pipeline.Health.Problem() ?? "");

        await server.StartAsync();
        await clock.AdvanceUntilAsync(() => es.IndexedIds.Count == count, Step);

        Assert.Empty(deadLetters.Records);
        Assert.All(es.Documents, d => Assert.Contains("\"embedding\"", d.Source));
        var embeddingCalls = server.Requests;
        await clock.AdvanceUntilAsync(() => pipeline.IsReady, Step);
        // Batched across records: far fewer calls than tweets.
        Assert.True(embeddingCalls < count / 2, $"{embeddingCalls} embedding requests for {count} tweets");
    }
}
