namespace Etl.Testing.Docker;

/// <summary>
/// A real single-node Kafka (KRaft) in Docker. The host port is chosen before start so the broker can
/// advertise it. <see cref="SkipReason"/> is set instead when no Docker engine is reachable.
/// </summary>
public sealed class KafkaContainerFixture : IAsyncLifetimeFixture
{
    private DockerEngine? engine;
    private DockerContainer? container;

    public string? BootstrapServers { get; private set; }

    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        (engine, SkipReason) = await DockerEngine.TryConnectAsync();
        if (engine is null)
        {
            return;
        }

        var port = Network.FreeTcpPort.Next();
        container = await engine.RunAsync(
            RealServerImages.Kafka,
            new Dictionary<string, string>
            {
                ["KAFKA_NODE_ID"] = "1",
                ["KAFKA_PROCESS_ROLES"] = "broker,controller",
                ["KAFKA_LISTENERS"] = "PLAINTEXT://:9092,CONTROLLER://:9093",
                ["KAFKA_ADVERTISED_LISTENERS"] = $"PLAINTEXT://127.0.0.1:{port}",
                ["KAFKA_CONTROLLER_LISTENER_NAMES"] = "CONTROLLER",
                ["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"] = "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                ["KAFKA_CONTROLLER_QUORUM_VOTERS"] = "1@localhost:9093",
                ["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] = "1",
                ["KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"] = "1",
                ["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"] = "1",
                ["KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS"] = "0",
            },
            new Dictionary<int, int> { [9092] = port });
        BootstrapServers = $"127.0.0.1:{port}";
        await ReadinessProbe.WaitForTcpAsync("127.0.0.1", port, TimeSpan.FromMinutes(2));
    }

    public async Task DisposeAsync()
    {
        if (container is not null)
        {
            await container.DisposeAsync();
        }

        engine?.Dispose();
    }
}
