using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using Etl.Testing.Docker;
using Xunit;

namespace Etl.Testing.Tests;

public sealed class DockerFixtureTests : IClassFixture<ElasticsearchContainerFixture>, IClassFixture<KafkaContainerFixture>
{
    private readonly ElasticsearchContainerFixture elasticsearch;
    private readonly KafkaContainerFixture kafka;

    public DockerFixtureTests(ElasticsearchContainerFixture elasticsearch, KafkaContainerFixture kafka)
    {
        this.elasticsearch = elasticsearch;
        this.kafka = kafka;
    }

    [SkippableFact]
    public async Task A_real_Elasticsearch_8_answers_cluster_health()
    {
        Skip.If(elasticsearch.SkipReason is not null, elasticsearch.SkipReason);
        using var http = new HttpClient { BaseAddress = elasticsearch.Url };
        var health = await http.GetFromJsonAsync<JsonElement>("_cluster/health");
        Assert.Contains(health.GetProperty("status").GetString(), new[] { "green", "yellow" });
    }

    [SkippableFact]
    public async Task A_real_Kafka_round_trips_a_message()
    {
        Skip.If(kafka.SkipReason is not null, kafka.SkipReason);
        Schemas.Kafka.KafkaNative.EnsureLoaded();
        var topic = "roundtrip-" + Guid.NewGuid().ToString("N");
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, EnableIdempotence = true }).Build())
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" });
        }

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = "g-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var result = consumer.Consume(TimeSpan.FromSeconds(60));
        Assert.Equal("v", result?.Message.Value);
    }

    [Fact]
    public async Task Without_an_engine_the_reason_names_the_socket()
    {
        var (engine, reason) = await DockerEngine.TryConnectAsync();
        if (engine is null)
        {
            Assert.Contains("docker", reason!, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            engine.Dispose();
            Assert.Null(reason);
        }
    }
}
