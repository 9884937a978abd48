using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;
using Testcontainers.Kafka;

namespace Etl.Testing.Docker;

/// <summary>
/// A real single-node Kafka (KRaft) and the Confluent Schema Registry beside it, in Docker through Testcontainers.
/// <see cref="SkipReason"/> is set instead when no Docker engine is reachable.
/// </summary>
public sealed class KafkaContainerFixture : IAsyncLifetimeFixture
{
    // The registry reaches the broker over the containers' own network, through a listener Testcontainers adds.
    private const string BrokerAlias = "kafka";
    private const int BrokerNetworkPort = 19092;
    private const int RegistryPort = 8081;

    private INetwork? network;
    private KafkaContainer? kafka;
    private IContainer? registry;

    public string? BootstrapServers { get; private set; }

    /// <summary>The Schema Registry's REST address, e.g. <c>http://127.0.0.1:32768</c>.</summary>
    public string? SchemaRegistryUrl { get; private set; }

    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        SkipReason = DockerAvailability.SkipReason;
        if (SkipReason is not null)
        {
            return;
        }

        network = new NetworkBuilder().Build();
        kafka = new KafkaBuilder(RealServerImages.Kafka)
            .WithNetwork(network)
            .WithListener($"{BrokerAlias}:{BrokerNetworkPort}")
            .WithEnvironment("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
            .Build();
        await kafka.StartAsync();
        BootstrapServers = kafka.GetBootstrapAddress();

        registry = new ContainerBuilder(RealServerImages.SchemaRegistry)
            .WithNetwork(network)
            .WithPortBinding(RegistryPort, assignRandomHostPort: true)
            .WithEnvironment("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .WithEnvironment("SCHEMA_REGISTRY_LISTENERS", $"http://0.0.0.0:{RegistryPort}")
            .WithEnvironment("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", $"PLAINTEXT://{BrokerAlias}:{BrokerNetworkPort}")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(RegistryPort).ForPath("/subjects")))
            .Build();
        await registry.StartAsync();
        SchemaRegistryUrl = $"http://{registry.Hostname}:{registry.GetMappedPublicPort(RegistryPort)}";
    }

    public async Task DisposeAsync()
    {
        if (registry is not null)
        {
            await registry.DisposeAsync();
        }

        if (kafka is not null)
        {
            await kafka.DisposeAsync();
        }

        if (network is not null)
        {
            await network.DisposeAsync();
        }
    }
}
