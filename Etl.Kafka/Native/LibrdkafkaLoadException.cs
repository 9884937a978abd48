namespace Etl.Kafka.Native;

/// <summary>Thrown at start-up when the bundled librdkafka cannot be used; the message names the file and the fix.</summary>
public sealed class LibrdkafkaLoadException : Exception
{
    public LibrdkafkaLoadException()
    {
    }

    public LibrdkafkaLoadException(string message)
        : base(message)
    {
    }

    public LibrdkafkaLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
