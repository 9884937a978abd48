namespace Etl.Schemas.Avro;

/// <summary>The data holds a value its schema forbids: negative or oversized length, bad union or enum index, overlong varint, invalid UTF-8.</summary>
public class AvroInvalidDataException : AvroDecodeException
{
    public AvroInvalidDataException()
        : this("Avro data holds an invalid value.")
    {
    }

    public AvroInvalidDataException(string message)
        : base(message)
    {
    }

    public AvroInvalidDataException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public AvroInvalidDataException(string reason, long? byteOffset, Exception? innerException = null)
        : base(reason, byteOffset, innerException)
    {
    }
}
