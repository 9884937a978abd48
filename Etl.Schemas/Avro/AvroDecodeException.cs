namespace Etl.Schemas.Avro;

/// <summary>Binary or JSON data does not decode under its schema.</summary>
public class AvroDecodeException : AvroException
{
    public AvroDecodeException()
        : this("Avro data could not be decoded.")
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

    public AvroDecodeException(string reason, long? byteOffset, Exception? innerException = null)
        : base(reason, byteOffset, innerException)
    {
    }
}
