namespace Etl.Schemas.Avro;

/// <summary>
/// Hand-written encoder and decoder of a typed record for one schema. The fast path reads and writes binary
/// directly; <see cref="FromGeneric"/> maps a record produced by schema resolution (older or newer writers).
/// </summary>
public interface IAvroRecordCodec<T>
{
    /// <summary>The schema <see cref="Encode"/> writes and <see cref="Decode"/> reads.</summary>
    RecordSchema Schema { get; }

    void Encode(AvroBinaryWriter writer, T value);

    /// <summary>Decodes data written with exactly <see cref="Schema"/>.</summary>
    T Decode(ref AvroBinaryReader reader);

    /// <summary>Maps a generic record shaped by <see cref="Schema"/> (the result of resolving another writer schema).</summary>
    T FromGeneric(GenericRecord record);
}
