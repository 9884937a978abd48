namespace Etl.Schemas.Avro;

/// <summary>A schema is not valid Avro: bad JSON, unknown type, bad name, missing attribute or a default that does not match its type.</summary>
public class AvroSchemaException : AvroException
{
    public AvroSchemaException()
        : this("Invalid Avro schema.")
    {
    }

    public AvroSchemaException(string message)
        : base(message)
    {
    }

    public AvroSchemaException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public AvroSchemaException(string reason, long? byteOffset, Exception? innerException = null)
        : base(reason, byteOffset, innerException)
    {
    }
}
