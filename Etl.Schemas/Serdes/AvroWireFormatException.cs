using Etl.Schemas.Avro;

namespace Etl.Schemas.Serdes;

/// <summary>A Kafka message is not in Confluent's wire format (too short, or an unknown magic byte).</summary>
public class AvroWireFormatException : AvroDecodeException
{
    public AvroWireFormatException()
        : this("Message is not in the Confluent wire format.")
    {
    }

    public AvroWireFormatException(string message)
        : base(message)
    {
    }

    public AvroWireFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public AvroWireFormatException(string reason, long? byteOffset, Exception? innerException = null)
        : base(reason, byteOffset, innerException)
    {
    }
}
