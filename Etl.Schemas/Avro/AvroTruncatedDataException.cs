namespace Etl.Schemas.Avro;

/// <summary>The data ended before the value its schema describes was complete.</summary>
public class AvroTruncatedDataException : AvroDecodeException
{
    public AvroTruncatedDataException()
        : this("Avro data ended early.")
    {
    }

    public AvroTruncatedDataException(string message)
        : base(message)
    {
    }

    public AvroTruncatedDataException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public AvroTruncatedDataException(string reason, long? byteOffset, Exception? innerException = null)
        : base(reason, byteOffset, innerException)
    {
    }
}
