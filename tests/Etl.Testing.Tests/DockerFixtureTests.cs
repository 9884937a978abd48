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
    public async Task A_real_Elasticsearch_9_answers_cluster_health()
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
        Etl.Kafka.Native.LibrdkafkaCheck.Ensure();
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

    [SkippableFact]
    public async Task A_real_Schema_Registry_beside_the_broker_lists_its_subjects()
    {
        Skip.If(kafka.SkipReason is not null, kafka.SkipReason);
        using var http = new HttpClient { BaseAddress = new Uri(kafka.SchemaRegistryUrl!) };
        var subjects = await http.GetFromJsonAsync<JsonElement>("subjects");
        Assert.Equal(JsonValueKind.Array, subjects.ValueKind);
    }

    [Fact]
    public void Without_an_engine_the_skip_reason_says_how_to_get_one()
    {
        var reason = DockerAvailability.SkipReason;
        if (DotNet.Testcontainers.Configurations.TestcontainersSettings.OS.DockerEndpointAuthConfig is null)
        {
            Assert.Contains("DOCKER_HOST", reason!, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(reason);
        }
    }
}
