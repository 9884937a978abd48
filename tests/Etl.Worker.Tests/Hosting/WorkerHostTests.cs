using System.Net;
using System.Net.Sockets;
using Etl.Schemas.Registry;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Kafka;
using Etl.Worker.Generation;
using Etl.Worker.Hosting;
using Etl.Worker.Mapping;
using Etl.Worker.Producing;
using Microsoft.Extensions.DependencyInjection;

namespace Etl.Worker.Tests.Hosting;

public sealed class WorkerHostTests : IClassFixture<KafkaMockCluster>
{
    private readonly KafkaMockCluster kafka;

    public WorkerHostTests(KafkaMockCluster kafka) => this.kafka = kafka;

    [Fact]
    public async Task The_run_host_indexes_avro_tweets_and_reports_health_readiness_and_metrics()
    {
        const int count = 400;
        var topic = kafka.CreateTopic("host", partitions: 2);
        var registry = new InMemorySchemaRegistry();
        using (var producer = new TweetProducer(kafka.ProducerConfig(), registry, topic))
        {
            foreach (var tweet in new TweetGenerator(new GeneratorSettings { Count = count, Seed = 9 }).Generate())
            {
                await producer.ProduceAsync(TweetRecordMapper.ToAvro(GeneratedTweetMapper.ToSource(tweet)));
            }

            producer.Flush(TimeSpan.FromSeconds(30));
            Assert.Equal(count, producer.Delivered);
        }

        await using var es = await ElasticsearchStub.StartAsync();
        var port = FreePort();
        var settings = WorkerSettings.Load(WorkerSettings.BuildConfiguration(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = kafka.BootstrapServers,
            ["Elasticsearch:Url"] = es.Url.ToString(),
            ["Pipeline:Topic"] = topic,
            ["Pipeline:GroupId"] = "host-" + Guid.NewGuid().ToString("N"),
            ["Pipeline:BatchLinger"] = "00:00:00.050",
            ["Observability:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        await using var app = WorkerHost.Build(settings, services => services.AddSingleton<ISchemaRegistry>(registry));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        Assert.Equal("ok", await http.GetStringAsync("healthz"));
        await WaitForAsync(async () => (await http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK);
        await WaitForAsync(() => Task.FromResult(es.IndexedIds.Count == count));
        await WaitForAsync(async () => (await http.GetStringAsync("metrics")).Contains($"etl_worker_indexed_total {count}\n", StringComparison.Ordinal));
        var metrics = await http.GetStringAsync("metrics");
        Assert.Contains($"etl_worker_consumed_total {count}\n", metrics);
        Assert.Contains("etl_worker_batch_latency_seconds_count", metrics);
        await app.StopAsync();
        Assert.Equal(count, es.IndexedIds.Count);
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
