namespace Etl.Schemas.Avro;

/// <summary>An object container file is malformed: bad magic, bad header, or a sync marker that does not match.</summary>
public class AvroContainerException : AvroDecodeException
{
    public AvroContainerException()
        : this("Malformed Avro container file.")
    {
    }

    public AvroContainerException(string message)
        : base(message)
    {
    }

    public AvroContainerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public AvroContainerException(string reason, long? byteOffset, Exception? innerException = null)
        : base(reason, byteOffset, innerException)
    {
    }
}
