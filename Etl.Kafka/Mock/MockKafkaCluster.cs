using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using Etl.Kafka.Native;

namespace Etl.Kafka.Mock;

/// <summary>
/// librdkafka's built-in mock Kafka cluster: real Kafka protocol brokers on loopback ports inside this process.
/// Producers, consumers and consumer groups from Confluent.Kafka talk to it as to a real cluster.
/// Serves the tests and the embedded demo; not for production data (it keeps everything in memory).
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private readonly Lock gate = new();
    private IntPtr handle;
    private IntPtr cluster;

    /// <summary>Starts <paramref name="brokerCount"/> brokers, with ids 1..N, on free loopback ports.</summary>
    public MockKafkaCluster(int brokerCount = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        LibrdkafkaCheck.Ensure();

        var errstr = new byte[512];
        var conf = LibrdkafkaNative.rd_kafka_conf_new();
        // The handle only owns the mock cluster; keep it quiet and free of background chatter.
        Set(conf, "client.id", "etl-mock-cluster", errstr);
        Set(conf, "log_level", "3", errstr);
        handle = LibrdkafkaNative.rd_kafka_new(LibrdkafkaNative.ProducerType, conf, errstr, (nuint)errstr.Length);
        if (handle == IntPtr.Zero)
        {
            LibrdkafkaNative.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException("Could not create the librdkafka handle for the mock cluster: " + Text(errstr));
        }

        cluster = LibrdkafkaNative.rd_kafka_mock_cluster_new(handle, brokerCount);
        if (cluster == IntPtr.Zero)
        {
            LibrdkafkaNative.rd_kafka_destroy(handle);
            handle = IntPtr.Zero;
            throw new InvalidOperationException($"librdkafka could not start a mock cluster of {brokerCount} brokers.");
        }

        BrokerCount = brokerCount;
        BootstrapServers = Marshal.PtrToStringUTF8(LibrdkafkaNative.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
    }

    /// <summary>Comma-separated host:port list for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers; their ids are 1..BrokerCount.</summary>
    public int BrokerCount { get; }

    /// <summary>Creates a topic. Topics that are produced to without being created get librdkafka's mock defaults.</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, BrokerCount);
        Check(LibrdkafkaNative.rd_kafka_mock_topic_create(Live(), topic, partitions, replicationFactor), $"create topic '{topic}'");
    }

    /// <summary>Takes a broker down: its connections are closed and new ones refused until <see cref="SetBrokerUp"/>.</summary>
    public void SetBrokerDown(int brokerId) =>
        Check(LibrdkafkaNative.rd_kafka_mock_broker_set_down(Live(), CheckBroker(brokerId)), $"take broker {brokerId} down");

    /// <summary>Brings a broker taken down by <see cref="SetBrokerDown"/> back.</summary>
    public void SetBrokerUp(int brokerId) =>
        Check(LibrdkafkaNative.rd_kafka_mock_broker_set_up(Live(), CheckBroker(brokerId)), $"bring broker {brokerId} up");

    /// <summary>Adds a round-trip delay to every response of a broker.</summary>
    public void SetBrokerRoundTrip(int brokerId, TimeSpan rtt) =>
        Check(LibrdkafkaNative.rd_kafka_mock_broker_set_rtt(Live(), CheckBroker(brokerId), (int)rtt.TotalMilliseconds), $"set the round trip of broker {brokerId}");

    /// <summary>Moves a partition's leadership to another broker.</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(LibrdkafkaNative.rd_kafka_mock_partition_set_leader(Live(), topic, partition, CheckBroker(brokerId)), $"move {topic}[{partition}] to broker {brokerId}");

    /// <summary>
    /// How long the group coordinator waits for more members before the first rebalance of a new group
    /// (the mock's default is 3 s); zero makes a lone consumer start at once.
    /// </summary>
    public void SetGroupInitialRebalanceDelay(TimeSpan delay) =>
        LibrdkafkaNative.rd_kafka_mock_group_initial_rebalance_delay_ms(Live(), (int)delay.TotalMilliseconds);

    /// <summary>
    /// Makes the next requests of one type fail, one error per request, in order, on any broker
    /// (rd_kafka_mock_push_request_errors).
    /// </summary>
    public void PushRequestErrors(KafkaApiKey apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var codes = Array.ConvertAll(errors, e => (int)e);
        LibrdkafkaNative.rd_kafka_mock_push_request_errors_array(Live(), (short)apiKey, (nuint)codes.Length, codes);
    }

    /// <summary>Drops errors pushed with <see cref="PushRequestErrors"/> that have not fired yet.</summary>
    public void ClearRequestErrors(KafkaApiKey apiKey) =>
        LibrdkafkaNative.rd_kafka_mock_clear_request_errors(Live(), (short)apiKey);

    public void Dispose()
    {
        lock (gate)
        {
            if (cluster != IntPtr.Zero)
            {
                LibrdkafkaNative.rd_kafka_mock_cluster_destroy(cluster);
                cluster = IntPtr.Zero;
            }

            if (handle != IntPtr.Zero)
            {
                LibrdkafkaNative.rd_kafka_destroy(handle);
                handle = IntPtr.Zero;
            }
        }
    }

    private IntPtr Live()
    {
        ObjectDisposedException.ThrowIf(cluster == IntPtr.Zero, this);
        return cluster;
    }

    private int CheckBroker(int brokerId)
    {
        if (brokerId < 1 || brokerId > BrokerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(brokerId), brokerId, $"Broker ids of this mock cluster run from 1 to {BrokerCount}.");
        }

        return brokerId;
    }

    private static void Set(IntPtr conf, string name, string value, byte[] errstr)
    {
        if (LibrdkafkaNative.rd_kafka_conf_set(conf, name, value, errstr, (nuint)errstr.Length) != LibrdkafkaNative.ConfOk)
        {
            throw new InvalidOperationException($"librdkafka rejected {name}={value}: {Text(errstr)}");
        }
    }

    private static void Check(int err, string what)
    {
        if (err != 0)
        {
            var message = Marshal.PtrToStringUTF8(LibrdkafkaNative.rd_kafka_err2str(err));
            throw new InvalidOperationException($"Mock cluster could not {what}: {message} (error {err}).");
        }
    }

    private static string Text(byte[] errstr)
    {
        var end = Array.IndexOf(errstr, (byte)0);
        return Encoding.UTF8.GetString(errstr, 0, end < 0 ? errstr.Length : end);
    }
}
