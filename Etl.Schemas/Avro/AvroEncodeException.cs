namespace Etl.Schemas.Avro;

/// <summary>A value handed to an encoder does not fit the schema it is written with.</summary>
public class AvroEncodeException : AvroException
{
    public AvroEncodeException()
        : this("Value does not match its Avro schema.")
    {
    }

    public AvroEncodeException(string message)
        : base(message)
    {
    }

    public AvroEncodeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public AvroEncodeException(string reason, long? byteOffset, Exception? innerException = null)
        : base(reason, byteOffset, innerException)
    {
    }
}
