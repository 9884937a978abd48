namespace Etl.Schemas.Avro;

/// <summary>Data written with one schema cannot be read with another (schema resolution per the Avro spec failed).</summary>
public class AvroResolutionException : AvroException
{
    public AvroResolutionException()
        : this("Writer and reader schemas are incompatible.")
    {
    }

    public AvroResolutionException(string message)
        : base(message)
    {
    }

    public AvroResolutionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public AvroResolutionException(string reason, long? byteOffset, Exception? innerException = null)
        : base(reason, byteOffset, innerException)
    {
    }
}
