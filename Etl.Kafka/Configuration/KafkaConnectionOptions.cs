using Confluent.Kafka;

namespace Etl.Kafka.Configuration;

/// <summary>
/// How to reach the brokers: the keys of the <c>Kafka</c> section that every process of the project reads (the worker's
/// consumer and producers, the scheduler's dead-letter re-drive), so one set of security settings serves them all.
/// </summary>
public abstract class KafkaConnectionOptions
{
    /// <summary>Comma-separated host:port list.</summary>
    public string BootstrapServers { get; set; } = "localhost:9092";

    /// <summary>plaintext, ssl, sasl_plaintext or sasl_ssl.</summary>
    public string? SecurityProtocol { get; set; }

    /// <summary>PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.</summary>
    public string? SaslMechanism { get; set; }

    public string? SaslUsername { get; set; }

    public string? SaslPassword { get; set; }

    /// <summary>CA certificate file for TLS to the brokers.</summary>
    public string? SslCaLocation { get; set; }

    /// <summary>Any other librdkafka property, passed as is (e.g. <c>fetch.max.bytes</c>).</summary>
    public Dictionary<string, string> Properties { get; } = new(StringComparer.Ordinal);

    public ConsumerConfig ToConsumerConfig() => new(Common());

    /// <summary>Idempotent, acks=all: what every producer of the project needs, so nothing acknowledged is lost or doubled.</summary>
    public ProducerConfig ToProducerConfig() => new(Common())
    {
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = 5,
    };

    private Dictionary<string, string> Common()
    {
        var config = new Dictionary<string, string>(Properties, StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = BootstrapServers,
        };
        Put(config, "security.protocol", SecurityProtocol);
        Put(config, "sasl.mechanism", SaslMechanism);
        Put(config, "sasl.username", SaslUsername);
        Put(config, "sasl.password", SaslPassword);
        Put(config, "ssl.ca.location", SslCaLocation);
        return config;
    }

    private static void Put(Dictionary<string, string> config, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            config[key] = value;
        }
    }
}
