using System.Collections.Concurrent;
using Confluent.Kafka;
using Etl.Schemas.Avro;
using Etl.Schemas.Registry;

namespace Etl.Schemas.Serdes;

/// <summary>
/// Confluent-compatible Avro serializer for a typed record: registers the codec's schema under the topic's subject
/// (TopicNameStrategy) on first use, then frames each record as magic byte, schema id, Avro binary.
/// </summary>
public sealed class AvroSerializer<T> : IAsyncSerializer<T>
{
    private readonly ISchemaRegistry registry;
    private readonly IAvroRecordCodec<T> codec;
    private readonly ConcurrentDictionary<string, Task<int>> idsBySubject = new(StringComparer.Ordinal);

    public AvroSerializer(ISchemaRegistry registry, IAvroRecordCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(codec);
        this.registry = registry;
        this.codec = codec;
    }

    public async Task<byte[]> SerializeAsync(T data, SerializationContext context)
    {
        var subject = context.Component == MessageComponentType.Key ? SubjectNames.ForKey(context.Topic) : SubjectNames.ForValue(context.Topic);
        var id = await GetIdAsync(subject);
        return Serialize(data, id);
    }

    /// <summary>Frames <paramref name="data"/> with a known schema id (no registry call).</summary>
    public byte[] Serialize(T data, int schemaId)
    {
        var writer = new AvroBinaryWriter(512);
        ConfluentWireFormat.WriteHeader(writer, schemaId);
        codec.Encode(writer, data);
        return writer.ToArray();
    }

    private async Task<int> GetIdAsync(string subject)
    {
        var task = idsBySubject.GetOrAdd(subject, s => registry.RegisterAsync(s, codec.Schema));
        try
        {
            return await task;
        }
        catch (SchemaRegistryException)
        {
            // Do not cache a failure: the next record tries again once the registry is back.
            idsBySubject.TryRemove(new KeyValuePair<string, Task<int>>(subject, task));
            throw;
        }
    }
}
