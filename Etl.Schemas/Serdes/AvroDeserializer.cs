using System.Collections.Concurrent;
using Confluent.Kafka;
using Etl.Schemas.Avro;
using Etl.Schemas.Registry;

namespace Etl.Schemas.Serdes;

/// <summary>
/// Confluent-compatible Avro deserializer for a typed record. The writer's schema is fetched by the id in the frame
/// (once per id) and resolved against the codec's schema, so records from older and newer producers both decode.
/// Every failure is an <see cref="AvroException"/> (wire format, unknown id, truncated or invalid data, incompatible
/// schema) whose message names the field and byte offset, for the dead-letter topic.
/// </summary>
public sealed class AvroDeserializer<T> : IDeserializer<T>
{
    private readonly ISchemaRegistry registry;
    private readonly IAvroRecordCodec<T> codec;
    private readonly ConcurrentDictionary<int, TypedDatumReader<T>> readers = new();

    public AvroDeserializer(ISchemaRegistry registry, IAvroRecordCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(codec);
        this.registry = registry;
        this.codec = codec;
    }

    /// <remarks>A null message (tombstone) yields <c>default</c>.</remarks>
    public T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
        {
            return default!;
        }

        var schemaId = ConfluentWireFormat.ReadSchemaId(data);
        if (!readers.TryGetValue(schemaId, out var reader))
        {
            // IDeserializer is synchronous; the registry is asked once per schema id, then the cache answers.
            reader = CreateReaderAsync(schemaId, CancellationToken.None).GetAwaiter().GetResult();
        }

        return reader.Read(data[ConfluentWireFormat.HeaderSize..], ConfluentWireFormat.HeaderSize);
    }

    /// <summary>Decodes a framed message, fetching the writer schema asynchronously when it is not cached.</summary>
    public async ValueTask<T> DeserializeAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var schemaId = ConfluentWireFormat.ReadSchemaId(data.Span);
        if (!readers.TryGetValue(schemaId, out var reader))
        {
            reader = await CreateReaderAsync(schemaId, cancellationToken);
        }

        return reader.Read(data.Span[ConfluentWireFormat.HeaderSize..], ConfluentWireFormat.HeaderSize);
    }

    private async Task<TypedDatumReader<T>> CreateReaderAsync(int schemaId, CancellationToken cancellationToken)
    {
        var writerSchema = await registry.GetSchemaAsync(schemaId, cancellationToken);
        try
        {
            return readers.GetOrAdd(schemaId, new TypedDatumReader<T>(codec, writerSchema));
        }
        catch (AvroResolutionException ex)
        {
            ex.AddContext($"writer schema id {schemaId}");
            throw;
        }
    }
}
