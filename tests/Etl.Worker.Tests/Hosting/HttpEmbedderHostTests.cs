using System.Net;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Embedding;
using Etl.Testing.Kafka;
using Etl.Worker.Generation;
using Etl.Worker.Hosting;
using Etl.Worker.Mapping;
using Etl.Worker.Producing;
using Etl.Worker.Tests.Observability;

namespace Etl.Worker.Tests.Hosting;

/// <summary>
/// <c>etl-worker run</c> configured with <c>Embedding:Provider=http</c>, against an embeddings server on loopback that
/// answers in OpenAI's or text-embeddings-inference's shape: it starts and indexes; the server going away pauses the
/// pipeline (<c>/readyz</c> 503) and dead-letters nothing; the server back, everything is indexed.
/// </summary>
[Collection(WorkerHostCollection.Name)]
public sealed class HttpEmbedderHostTests(KafkaMockCluster kafka) : IClassFixture<KafkaMockCluster>
{
    [Theory]
    [InlineData("openai")]
    [InlineData("tei")]
    public async Task The_worker_indexes_through_an_embeddings_server_and_waits_out_its_outage(string api)
    {
        const int batch = 150;
        var topic = kafka.CreateTopic("host-http-" + api, partitions: 2);
        await using var registry = await LocalRegistry.StartAsync(topic);
        var tweets = new TweetGenerator(new GeneratorSettings { Count = 2 * batch, Seed = 31 }).Generate().ToList();
        await using var es = await ElasticsearchStub.StartAsync();
        await using var server = await EmbeddingServerStub.StartAsync();
        var port = Etl.Testing.Network.FreeTcpPort.Next();
        var settings = WorkerSettings.Load(WorkerSettings.BuildConfiguration(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = kafka.BootstrapServers,
            ["Elasticsearch:Url"] = es.Url.ToString(),
            ["SchemaRegistry:Url"] = registry.Server.Url.ToString(),
            ["Pipeline:Topic"] = topic,
            ["Pipeline:GroupId"] = "host-http-" + Guid.NewGuid().ToString("N"),
            ["Pipeline:BatchLinger"] = "00:00:00.050",
            ["Pipeline:RetryBaseDelay"] = "00:00:00.100",
            ["Pipeline:RetryMaxDelay"] = "00:00:00.500",
            ["Embedding:Provider"] = "http",
            ["Embedding:Api"] = api,
            ["Embedding:Endpoint"] = server.Url.ToString(),
            ["Embedding:Model"] = "sentence-transformers/all-MiniLM-L6-v2",
            ["Embedding:Timeout"] = "00:00:05",
            ["Observability:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        await using var app = WorkerHost.Build(settings);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        await ProduceAsync(registry, topic, tweets.Take(batch));
        await WaitForAsync(async () => (await http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK);
        await WaitForAsync(() => Task.FromResult(Tweets(es) == batch), () => $"{Tweets(es)} tweets indexed");
        Assert.All(es.Documents, d => Assert.Contains("\"embedder\":\"http:", d.Source, StringComparison.Ordinal));
        var answered = server.Texts;

        // The server goes away with tweets still arriving: the worker pauses and reports it, and keeps everything.
        await server.SetDownAsync(true);
        await ProduceAsync(registry, topic, tweets.Skip(batch));
        await WaitForAsync(async () => (await http.GetAsync("readyz")).StatusCode == HttpStatusCode.ServiceUnavailable);
        var whileDown = await http.GetAsync("readyz");
        Assert.Contains("embedder", await whileDown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(batch, Tweets(es));

        await server.SetDownAsync(false);
        await WaitForAsync(() => Task.FromResult(Tweets(es) == 2 * batch), () => $"{Tweets(es)} tweets indexed");
        await WaitForAsync(async () => (await http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK);

        Assert.Equal(2 * batch, es.IndexedIds.Count);
        Assert.DoesNotContain(es.Documents, d => d.Index == "tweets-deadletters");
        var acknowledged = 0.0;
        await WaitForAsync(async () =>
        {
            acknowledged = PrometheusScrape.Parse(await http.GetStringAsync("metrics")).Find("etl_worker_indexed_total").Sum(f => f.Value);
            return acknowledged == 2 * batch;
        }, () => $"etl_worker_indexed_total is {acknowledged}, expected {2 * batch}");
        Assert.Equal(0, PrometheusScrape.Parse(await http.GetStringAsync("metrics")).Find("etl_worker_dead_lettered_total").Sum(f => f.Value));
        Assert.True(server.Texts - answered >= batch, $"the server embedded {server.Texts - answered} texts after the outage");
        await app.StopAsync();
    }

    private static int Tweets(ElasticsearchStub es) => es.Documents.Count(d => d.Index.StartsWith("tweets-20", StringComparison.Ordinal));

    private async Task ProduceAsync(LocalRegistry registry, string topic, IEnumerable<GeneratedTweet> tweets)
    {
        using var producer = new TweetProducer(kafka.ProducerConfig(), registry.Client, topic);
        var count = 0;
        foreach (var tweet in tweets)
        {
            await producer.ProduceAsync(TweetRecordMapper.ToAvro(tweet.Tweet));
            count++;
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        Assert.Equal(count, producer.Delivered);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time" + (state is null ? "" : ": " + state()));
            await Task.Delay(50);
        }
    }
}
