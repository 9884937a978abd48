namespace Etl.Worker.DevStack;

/// <summary>The dev-stack registry refused a request (e.g. 409: an incompatible schema).</summary>
public class SchemaRegistryException : Exception
{
    public SchemaRegistryException()
        : this("Schema Registry request failed.")
    {
    }

    public SchemaRegistryException(string message)
        : base(message)
    {
    }

    public SchemaRegistryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public SchemaRegistryException(string message, int? statusCode, int? errorCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>HTTP status, when the registry answered.</summary>
    public int? StatusCode { get; }

    /// <summary>Confluent error code from the body (e.g. 40403 schema not found, 409 incompatible), when present.</summary>
    public int? ErrorCode { get; }
}
