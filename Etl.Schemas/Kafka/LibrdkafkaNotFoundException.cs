namespace Etl.Schemas.Kafka;

/// <summary>Thrown at start-up when the system librdkafka cannot be loaded.</summary>
public sealed class LibrdkafkaNotFoundException : Exception
{
    public LibrdkafkaNotFoundException(IReadOnlyList<string> tried)
        : base(
            "librdkafka (the native Kafka client library) was not found; tried " + string.Join(", ", tried) + ". " +
            $"Install it with 'sudo apt-get install {KafkaNative.RuntimePackage}' (or '{KafkaNative.DevelopmentPackage}' on a build machine), " +
            "or set LIBRDKAFKA_PATH to the full path of librdkafka.so.1.")
    {
        Tried = tried;
    }

    public LibrdkafkaNotFoundException()
        : this([])
    {
    }

    public LibrdkafkaNotFoundException(string message)
        : base(message)
    {
        Tried = [];
    }

    public LibrdkafkaNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        Tried = [];
    }

    /// <summary>The names and paths that were tried, in order.</summary>
    public IReadOnlyList<string> Tried { get; } = [];
}
