using Confluent.Kafka;

namespace Etl.Worker.Consuming;

/// <summary>Kafka connection settings shared by the consumer and the producers. Section <c>Kafka</c>.</summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

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
