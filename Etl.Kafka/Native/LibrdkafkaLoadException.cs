namespace Etl.Kafka.Native;

/// <summary>Thrown at start-up when Confluent.Kafka loaded no librdkafka or the wrong one; the message names the file and the fix.</summary>
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
