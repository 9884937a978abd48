using Confluent.Kafka;
using Etl.Kafka.Mock;

namespace Etl.Testing.Kafka;

/// <summary>
/// Test fixture over librdkafka's mock cluster: several real-protocol brokers on loopback, unique topics per test,
/// and client configurations tuned for fast tests. Use as an xunit class or collection fixture.
/// </summary>
public sealed class KafkaMockCluster : IDisposable
{
    private int topicCounter;

    public KafkaMockCluster()
        : this(brokerCount: 3)
    {
    }

    private KafkaMockCluster(int brokerCount)
    {
        Cluster = new MockKafkaCluster(brokerCount);
    }

    /// <summary>A cluster of <paramref name="brokerCount"/> brokers (the parameterless constructor starts three).</summary>
    public static KafkaMockCluster WithBrokers(int brokerCount) => new(brokerCount);

    /// <summary>The underlying cluster, for fault injection (broker down/up, request errors).</summary>
    public MockKafkaCluster Cluster { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>Creates a topic whose name is unique within this cluster and returns the name.</summary>
    public string CreateTopic(string prefix, int partitions, int replicationFactor = 1)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref topicCounter)}-{Guid.NewGuid():N}";
        Cluster.CreateTopic(name, partitions, replicationFactor);
        return name;
    }

    /// <summary>An idempotent producer configuration (acks=all), the way the pipeline produces.</summary>
    public ProducerConfig ProducerConfig(bool idempotent = true) => new()
    {
        BootstrapServers = BootstrapServers,
        EnableIdempotence = idempotent,
        Acks = Acks.All,
        LingerMs = 5,
        MessageTimeoutMs = 60_000,
    };

    /// <summary>A consumer in <paramref name="groupId"/> with manual commits and offset storage, reading from the start.</summary>
    public ConsumerConfig ConsumerConfig(string groupId) => new()
    {
        BootstrapServers = BootstrapServers,
        GroupId = groupId,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        SessionTimeoutMs = 6_000,
        HeartbeatIntervalMs = 500,
        // Range assignment makes "two consumers split six partitions" deterministic: three each.
        PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range,
    };

    public void Dispose() => Cluster.Dispose();
}
