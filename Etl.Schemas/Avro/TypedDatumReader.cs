namespace Etl.Schemas.Avro;

/// <summary>
/// Reads typed records written with any schema the codec's schema can resolve: the hand-written fast path when the
/// writer's schema encodes exactly like the reader's, the generic resolving path otherwise. Thread-safe.
/// </summary>
public sealed class TypedDatumReader<T>
{
    private readonly IAvroRecordCodec<T> codec;
    private readonly GenericDatumReader generic;

    /// <exception cref="AvroResolutionException">Data written with <paramref name="writerSchema"/> cannot be read as the codec's schema.</exception>
    public TypedDatumReader(IAvroRecordCodec<T> codec, AvroSchema writerSchema)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(writerSchema);
        this.codec = codec;
        generic = new GenericDatumReader(writerSchema, codec.Schema);
        IsFastPath = writerSchema.HasSameEncodingAs(codec.Schema);
    }

    /// <summary>True when records are decoded by the hand-written decoder, without resolution.</summary>
    public bool IsFastPath { get; }

    public AvroSchema WriterSchema => generic.WriterSchema;

    /// <summary>Decodes one record that fills <paramref name="data"/> exactly.</summary>
    /// <exception cref="AvroDecodeException">The data is truncated or invalid; the message names the field path and byte offset.</exception>
    public T Read(ReadOnlySpan<byte> data, long baseOffset = 0)
    {
        if (!IsFastPath)
        {
            return codec.FromGeneric((GenericRecord)generic.Read(data, baseOffset)!);
        }

        try
        {
            var reader = new AvroBinaryReader(data, baseOffset);
            var value = codec.Decode(ref reader);
            if (!reader.End)
            {
                throw new AvroInvalidDataException(
                    $"{reader.Remaining} bytes remain after the record; the data was probably written with a different schema.",
                    reader.Offset);
            }

            return value;
        }
        catch (AvroException)
        {
            // The fast path does not track field names; the generic path fails at the same byte and names the field.
            generic.Read(data, baseOffset);
            throw;
        }
    }

    /// <summary>Decodes one record from the reader's position (inside a container block, for instance).</summary>
    public T Read(ref AvroBinaryReader reader) =>
        IsFastPath ? codec.Decode(ref reader) : codec.FromGeneric((GenericRecord)generic.Read(ref reader)!);
}
