namespace Etl.Schemas.Avro;

/// <summary>An object container file uses a block codec this implementation does not support.</summary>
public class AvroUnsupportedCodecException : AvroException
{
    public AvroUnsupportedCodecException()
        : this("Unsupported Avro codec.")
    {
    }

    public AvroUnsupportedCodecException(string message)
        : base(message)
    {
    }

    public AvroUnsupportedCodecException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public AvroUnsupportedCodecException(string reason, long? byteOffset, Exception? innerException = null)
        : base(reason, byteOffset, innerException)
    {
    }
}
