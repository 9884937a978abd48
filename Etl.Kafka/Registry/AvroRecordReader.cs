using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using Avro;
using Schema = Avro.Schema;
using Avro.IO;
using Avro.Specific;
using Confluent.SchemaRegistry;

namespace Etl.Kafka.Registry;

/// <summary>
/// Reads Confluent-framed Avro values (magic byte 0, 4-byte big-endian schema id, Avro binary) as <typeparamref name="T"/>
/// with Apache Avro's <see cref="SpecificDatumReader{T}"/>, one per writer schema id, fetched through the Confluent
/// registry client on a miss. It does what Confluent's <c>AvroDeserializer&lt;T&gt;</c> does, but a value whose writer
/// schema is cached decodes synchronously: Confluent's deserializer completes every call asynchronously (measured:
/// 999 of 1000 calls), and blocking a synchronous pipeline stage on that cost 38 times the decode itself
/// (tests/Etl.Benchmarks/results/AvroTweetDecodeBenchmark.md).
/// </summary>
public sealed class AvroRecordReader<T>
    where T : ISpecificRecord
{
    private static readonly Schema ReaderSchema = (Schema)typeof(T).GetField("_SCHEMA")!.GetValue(null)!;
    private readonly ISchemaRegistryClient registry;
    private readonly ConcurrentDictionary<int, SpecificDatumReader<T>> readers = new();

    public AvroRecordReader(ISchemaRegistryClient registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        this.registry = registry;
    }

    /// <summary>Decodes <paramref name="value"/>; only a writer schema id not seen before waits for the registry.</summary>
    /// <exception cref="AvroDecodeException">The value has no Confluent frame, or its writer schema cannot be read as <typeparamref name="T"/>.</exception>
    /// <exception cref="SchemaRegistryException">The registry answered with an error (404: unknown schema id).</exception>
    /// <exception cref="AvroException">The body is truncated or not valid for its writer schema.</exception>
    public T Read(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var id = ReadSchemaId(value);
        if (!readers.TryGetValue(id, out var reader))
        {
            reader = CreateReaderAsync(id).GetAwaiter().GetResult();
        }

        return Decode(reader, value);
    }

    /// <summary>Decodes <paramref name="value"/>, fetching an unknown writer schema without blocking.</summary>
    public async ValueTask<T> ReadAsync(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var id = ReadSchemaId(value);
        if (!readers.TryGetValue(id, out var reader))
        {
            reader = await CreateReaderAsync(id);
        }

        return Decode(reader, value);
    }

    private static int ReadSchemaId(ReadOnlySpan<byte> value) =>
        AvroDecodeFailure.FramingProblem(value) is { } problem
            ? throw new AvroDecodeException(problem)
            : BinaryPrimitives.ReadInt32BigEndian(value[1..]);

    private static T Decode(SpecificDatumReader<T> reader, byte[] value)
    {
        using var stream = new MemoryStream(value, AvroDecodeFailure.HeaderSize, value.Length - AvroDecodeFailure.HeaderSize, writable: false);
        var record = reader.Read(default!, new BinaryDecoder(stream));
        if (stream.Position != stream.Length)
        {
            // Bytes left over mean the writer's schema is not the one in the frame; a reader would silently drop them.
            throw new AvroDecodeException(string.Create(CultureInfo.InvariantCulture,
                $"invalid Avro body: {stream.Length - stream.Position} byte(s) left after the record; the value does not match its writer schema"));
        }

        return record;
    }

    private async Task<SpecificDatumReader<T>> CreateReaderAsync(int id)
    {
        var registered = await registry.GetSchemaAsync(id).ConfigureAwait(false);
        try
        {
            var writer = Schema.Parse(registered.SchemaString);
            return readers.GetOrAdd(id, _ => new SpecificDatumReader<T>(writer, ReaderSchema));
        }
        catch (AvroException ex)
        {
            throw new AvroDecodeException(string.Create(CultureInfo.InvariantCulture,
                $"writer schema id {id} cannot be read as {ReaderSchema.Fullname}: {ex.Message}"), ex);
        }
    }
}
