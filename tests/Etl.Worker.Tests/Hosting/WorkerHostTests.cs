using System.Net;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Kafka;
using Etl.Worker.Generation;
using Etl.Worker.Hosting;
using Etl.Worker.Mapping;
using Etl.Worker.Producing;
using Etl.Worker.Tests.Observability;

namespace Etl.Worker.Tests.Hosting;

[Collection(WorkerHostCollection.Name)]
public sealed class WorkerHostTests : IClassFixture<KafkaMockCluster>
{
    private readonly KafkaMockCluster kafka;

    public WorkerHostTests(KafkaMockCluster kafka) => this.kafka = kafka;

    [Fact]
    public async Task The_run_host_indexes_avro_tweets_and_reports_health_readiness_and_metrics()
    {
        const int count = 400;
        var topic = kafka.CreateTopic("host", partitions: 2);
        await using var registry = await LocalRegistry.StartAsync(topic);
        using (var producer = new TweetProducer(kafka.ProducerConfig(), registry.Client, topic))
        {
            foreach (var tweet in new TweetGenerator(new GeneratorSettings { Count = count, Seed = 9 }).Generate())
            {
                await producer.ProduceAsync(TweetRecordMapper.ToAvro(tweet.Tweet));
            }

            producer.Flush(TimeSpan.FromSeconds(30));
            Assert.Equal(count, producer.Delivered);
        }

        using (var raw = new Confluent.Kafka.ProducerBuilder<byte[], byte[]>(kafka.ProducerConfig()).Build())
        {
            await raw.ProduceAsync(topic, new Confluent.Kafka.Message<byte[], byte[]> { Key = "7"u8.ToArray(), Value = "not avro"u8.ToArray() });
        }

        await using var es = await ElasticsearchStub.StartAsync();
        var port = Etl.Testing.Network.FreeTcpPort.Next();
        var settings = WorkerSettings.Load(WorkerSettings.BuildConfiguration(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = kafka.BootstrapServers,
            ["Elasticsearch:Url"] = es.Url.ToString(),
            ["SchemaRegistry:Url"] = registry.Server.Url.ToString(),
            ["Pipeline:Topic"] = topic,
            ["Pipeline:GroupId"] = "host-" + Guid.NewGuid().ToString("N"),
            ["Pipeline:BatchLinger"] = "00:00:00.050",
            ["Observability:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        await using var app = WorkerHost.Build(settings);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        Assert.Equal("ok", await http.GetStringAsync("healthz"));
        await WaitForAsync(async () => (await http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK);
        await WaitForAsync(() => Task.FromResult(es.Documents.Count(d => d.Index.StartsWith("tweets-20", StringComparison.Ordinal)) == count));

        // The undecodable record went to the dead-letter topic and was mirrored for the Pipeline dashboard.
        await WaitForAsync(() => Task.FromResult(es.Documents.Any(d => d.Index == "tweets-deadletters")));
        var deadLetter = System.Text.Json.JsonDocument.Parse(es.Documents.Single(d => d.Index == "tweets-deadletters").Source!).RootElement;
        Assert.Equal("deserialize", deadLetter.GetProperty("stage").GetString());
        Assert.Equal("7", deadLetter.GetProperty("tweet_id").GetString());
        Assert.Equal(topic, deadLetter.GetProperty("source_topic").GetString());
        // The dead letter is counted once Kafka acknowledged it, which may be just after its mirror reached the stub.
        await WaitForAsync(async () => PrometheusScrape.Parse(await http.GetStringAsync("metrics")) is var m
            && m.Find("etl_worker_indexed_total").Sum(f => f.Value) == count && m.Find("etl_worker_dead_lettered_total").Count > 0);
        var metrics = PrometheusScrape.Parse(await http.GetStringAsync("metrics"));
        Assert.Equal(count + 1, metrics.Value("etl_worker_consumed_total"));
        var deadLettered = Assert.Single(metrics.Find("etl_worker_dead_lettered_total", ("stage", "deserialize")));
        Assert.Equal(1, deadLettered.Value);
        Assert.Matches("^Avro\\w*Exception$", deadLettered.Labels["reason"]);
        Assert.True(metrics.Value("etl_worker_batch_latency_seconds_count") >= 1);
        Assert.Equal(count, metrics.Value("etl_worker_batch_size_sum"));
        // Lag is reported per assigned partition (both), once a second by the consume loop: wait for its next report.
        await WaitForAsync(async () => PrometheusScrape.Parse(await http.GetStringAsync("metrics")).Find("etl_worker_consumer_lag", ("topic", topic)).Count == 2);
        await app.StopAsync();
        Assert.Equal(count + 1, es.IndexedIds.Count);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(50);
        }
    }
}
