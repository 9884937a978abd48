namespace Etl.Worker.DevStack;

/// <summary>No schema has the requested id (registry error 40403), e.g. a message framed with an id from another registry.</summary>
public class SchemaNotFoundException : SchemaRegistryException
{
    public SchemaNotFoundException()
        : this("Schema not found.")
    {
    }

    public SchemaNotFoundException(string message)
        : base(message)
    {
    }

    public SchemaNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public SchemaNotFoundException(int schemaId, int? statusCode, int? errorCode)
        : base($"Schema id {schemaId} is not known to the Schema Registry. The message was framed by a producer using another registry, or the schema was deleted; check SchemaRegistry:Url.", statusCode, errorCode)
    {
        SchemaId = schemaId;
    }

    public int SchemaId { get; }
}
