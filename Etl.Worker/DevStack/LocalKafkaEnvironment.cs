using System.Globalization;
using Etl.Kafka.Mock;
using Etl.Kafka.Registry;
using Etl.Schemas.Naming;

namespace Etl.Worker.DevStack;

/// <summary>
/// A local Kafka and Schema Registry without Docker: librdkafka's mock cluster (real Kafka protocol on loopback)
/// with <c>tweets.raw</c> and <c>tweets.dlq</c> created, and the in-memory registry over REST. Other processes
/// (run, replay, generate --kafka, the scheduler) reach both through the settings in <see cref="Settings"/>.
/// </summary>
public sealed class LocalKafkaEnvironment : IAsyncDisposable
{
    private readonly MockKafkaCluster cluster;
    private readonly SchemaRegistryServer registry;

    private LocalKafkaEnvironment(MockKafkaCluster cluster, SchemaRegistryServer registry)
    {
        this.cluster = cluster;
        this.registry = registry;
    }

    public string BootstrapServers => cluster.BootstrapServers;

    public Uri SchemaRegistryUrl => registry.Url;

    /// <summary>Fires on SIGTERM or Ctrl+C (the registry's web host receives them).</summary>
    public CancellationToken Stopping => registry.Stopping;

    /// <summary>
    /// What other processes need, as configuration keys (<c>Section__Key</c>, the environment-variable form). The
    /// session and heartbeat settings matter on the mock: a member joining makes it wait session.timeout.ms − 1 s
    /// before the rebalance completes, 44 s at librdkafka's defaults.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings =>
    [
        new("Kafka__BootstrapServers", BootstrapServers),
        new("SchemaRegistry__Url", SchemaRegistryUrl.ToString().TrimEnd('/')),
        new("Kafka__Properties__session.timeout.ms", "6000"),
        new("Kafka__Properties__heartbeat.interval.ms", "500"),
    ];

    public static async Task<LocalKafkaEnvironment> StartAsync(int brokers, int partitions, int registryPort, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var cluster = new MockKafkaCluster(brokers);
        try
        {
            // A new group's first rebalance would otherwise wait 3 s for more members.
            cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
            var replication = Math.Min(brokers, 3);
            cluster.CreateTopic(TopicNames.Raw, partitions, replication);
            cluster.CreateTopic(TopicNames.DeadLetter, partitions, replication);
            var registry = await SchemaRegistryServer.StartAsync(registryPort, cancellationToken);
            try
            {
                // What `etl-worker setup` does against a real registry, so `run`, `replay` and `generate` work at once.
                using var client = registry.CreateClient();
                await SchemaRegistration.RegisterProjectSchemasAsync(client);
            }
            catch
            {
                await registry.DisposeAsync();
                throw;
            }

            return new LocalKafkaEnvironment(cluster, registry);
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>One <c>KEY=value</c> line per setting, the format of env files (<c>env $(cat F) etl-worker run</c>, docker --env-file).</summary>
    public string EnvLines() =>
        string.Concat(Settings.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}={s.Value}\n")));

    public async ValueTask DisposeAsync()
    {
        await registry.DisposeAsync();
        cluster.Dispose();
    }
}
