namespace Etl.Kafka.Registry;

/// <summary>A value that does not decode as the expected Avro record; the message names the problem, for the dead-letter topic.</summary>
public sealed class AvroDecodeException : Exception
{
    public AvroDecodeException()
        : this("The value does not decode as Avro.")
    {
    }

    public AvroDecodeException(string message)
        : base(message)
    {
    }

    public AvroDecodeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
