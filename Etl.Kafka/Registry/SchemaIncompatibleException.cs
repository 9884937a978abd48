namespace Etl.Kafka.Registry;

/// <summary>Schema Registry refused a schema because it breaks the subject's compatibility rule; the message carries the registry's reason.</summary>
public sealed class SchemaIncompatibleException : Exception
{
    public SchemaIncompatibleException()
        : this("Schema Registry refused the schema as incompatible.")
    {
    }

    public SchemaIncompatibleException(string message)
        : base(message)
    {
    }

    public SchemaIncompatibleException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
