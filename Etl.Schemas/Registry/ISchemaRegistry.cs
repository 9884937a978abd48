using Etl.Schemas.Avro;

namespace Etl.Schemas.Registry;

/// <summary>The part of Confluent Schema Registry the serdes need. Implemented over REST and in memory (tests, embedded demo).</summary>
public interface ISchemaRegistry
{
    /// <summary>Registers <paramref name="schema"/> under <paramref name="subject"/> (idempotent) and returns its global id.</summary>
    /// <exception cref="SchemaRegistryException">The registry refused the schema (e.g. 409 incompatible) or could not be reached.</exception>
    Task<int> RegisterAsync(string subject, AvroSchema schema, CancellationToken cancellationToken = default);

    /// <summary>The schema with global id <paramref name="id"/>.</summary>
    /// <exception cref="SchemaNotFoundException">No schema has that id.</exception>
    Task<AvroSchema> GetSchemaAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="schema"/> is compatible with the latest version under <paramref name="subject"/> (true when the subject is new).</summary>
    Task<bool> IsCompatibleAsync(string subject, AvroSchema schema, CancellationToken cancellationToken = default);
}
