namespace Etl.Kafka.Configuration;

/// <summary>Every problem with a <see cref="KafkaConnectionOptions"/>, each naming the key and how to fix it.</summary>
public static class KafkaConnectionValidator
{
    private static readonly string[] Protocols = ["plaintext", "ssl", "sasl_plaintext", "sasl_ssl"];
    private static readonly string[] Mechanisms = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"];

    /// <param name="options">The settings to check.</param>
    /// <param name="section">The configuration section the options came from, for the messages (e.g. <c>Kafka</c>).</param>
    public static List<string> Validate(KafkaConnectionOptions options, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var k = section;
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            failures.Add($"{k}:BootstrapServers is empty; set it to the brokers' host:port list, e.g. 'kafka:9092'.");
        }
        else
        {
            foreach (var server in options.BootstrapServers.Split(',', StringSplitOptions.TrimEntries))
            {
                var colon = server.LastIndexOf(':');
                if (colon <= 0 || !int.TryParse(server[(colon + 1)..], out var port) || port is < 1 or > 65535)
                {
                    failures.Add($"{k}:BootstrapServers entry '{server}' is not host:port; e.g. 'kafka:9092'.");
                }
            }
        }

        if (options.SecurityProtocol is { } protocol && !Protocols.Contains(protocol, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{k}:SecurityProtocol '{protocol}' is not one of {string.Join(", ", Protocols)}.");
        }

        if (options.SaslMechanism is { } mechanism && !Mechanisms.Contains(mechanism, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{k}:SaslMechanism '{mechanism}' is not one of {string.Join(", ", Mechanisms)}.");
        }

        if (!string.IsNullOrEmpty(options.SaslUsername) != !string.IsNullOrEmpty(options.SaslPassword))
        {
            failures.Add($"{k}:SaslUsername and {k}:SaslPassword go together; set both or neither.");
        }

        if (options.SslCaLocation is { Length: > 0 } ca && !File.Exists(ca))
        {
            failures.Add($"{k}:SslCaLocation '{ca}' does not exist; give the path of the brokers' CA certificate (PEM).");
        }

        return failures;
    }
}
