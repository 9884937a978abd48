using System.Text;

namespace Etl.Schemas.Avro.Container;

/// <summary>
/// Reads Avro object container files (spec: "Object Container Files"): header, then blocks of datums each followed by
/// the sync marker. The header is parsed field by field, never by scanning for the sync marker (AVRO-986).
/// </summary>
public sealed class AvroContainerReader : IDisposable
{
    private static readonly byte[] Magic = [(byte)'O', (byte)'b', (byte)'j', 1];
    private const int SyncSize = 16;
    private const int MaxHeaderBytes = 16 * 1024 * 1024;

    private readonly Stream stream;
    private readonly bool leaveOpen;
    private readonly byte[] sync;
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private long consumedBeforeBuffer;
    private bool endOfStream;

    private AvroContainerReader(Stream stream, AvroSchema? readerSchema, bool leaveOpen)
    {
        this.stream = stream;
        this.leaveOpen = leaveOpen;
        (Metadata, sync) = ReadHeader();
        var schemaJson = Metadata.TryGetValue("avro.schema", out var schemaBytes)
            ? Encoding.UTF8.GetString(schemaBytes)
            : throw new AvroContainerException("Container header has no 'avro.schema' entry; the file is not a valid Avro container.", 0L);
        WriterSchema = AvroSchema.Parse(schemaJson);
        Codec = Metadata.TryGetValue("avro.codec", out var codecBytes) ? Encoding.UTF8.GetString(codecBytes) : ContainerCodecs.Null;
        ContainerCodecs.RequireReadable(Codec);
        ReaderSchema = readerSchema ?? WriterSchema;
    }

    public AvroSchema WriterSchema { get; }

    public AvroSchema ReaderSchema { get; }

    /// <summary>The block codec named in the header (<c>null</c> when absent).</summary>
    public string Codec { get; }

    public IReadOnlyDictionary<string, byte[]> Metadata { get; }

    /// <summary>Opens a container from a stream; the header is read and checked immediately.</summary>
    /// <exception cref="AvroContainerException">The stream is not an Avro container or its header is damaged.</exception>
    /// <exception cref="AvroUnsupportedCodecException">The file uses a codec other than null, deflate or snappy.</exception>
    public static AvroContainerReader Open(Stream stream, AvroSchema? readerSchema = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return new AvroContainerReader(stream, readerSchema, leaveOpen);
        }
        catch
        {
            if (!leaveOpen)
            {
                stream.Dispose();
            }

            throw;
        }
    }

    public static AvroContainerReader Open(string path, AvroSchema? readerSchema = null) =>
        Open(File.OpenRead(path), readerSchema);

    /// <summary>All datums as generic values shaped by <see cref="ReaderSchema"/>.</summary>
    public IEnumerable<object?> ReadAll()
    {
        var datumReader = new GenericDatumReader(WriterSchema, ReaderSchema);
        return Read((ref AvroBinaryReader reader) => datumReader.Read(ref reader));
    }

    /// <summary>All datums, decoded by <paramref name="decode"/> (which must read exactly one datum written with <see cref="WriterSchema"/>).</summary>
    public IEnumerable<T> Read<T>(AvroDatumDecoder<T> decode)
    {
        ArgumentNullException.ThrowIfNull(decode);
        var blockNumber = 0;
        while (TryReadBlock(out var count, out var data, out var dataOffset))
        {
            foreach (var item in DecodeBlock(decode, count, data, dataOffset, blockNumber))
            {
                yield return item;
            }

            blockNumber++;
        }
    }

    public void Dispose()
    {
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }

    private List<T> DecodeBlock<T>(AvroDatumDecoder<T> decode, long count, byte[] data, long dataOffset, int blockNumber)
    {
        var items = new List<T>((int)Math.Min(count, 4096));

        // For compressed blocks offsets are within the decompressed block; for uncompressed ones they are file offsets.
        var baseOffset = Codec == ContainerCodecs.Null ? dataOffset : 0;
        var reader = new AvroBinaryReader(data, baseOffset);
        try
        {
            for (var i = 0L; i < count; i++)
            {
                try
                {
                    items.Add(decode(ref reader));
                }
                catch (AvroException ex)
                {
                    ex.AddContext($"datum {i} of block {blockNumber}");
                    throw;
                }
            }

            if (!reader.End)
            {
                throw new AvroContainerException(
                    $"Block {blockNumber} has {reader.Remaining} bytes left after its {count} datums; the file is corrupt or the schema does not match the data.",
                    reader.Offset);
            }
        }
        catch (AvroException ex) when (Codec != ContainerCodecs.Null)
        {
            ex.AddContext($"{Codec} block starting at file offset {dataOffset}");
            throw;
        }

        return items;
    }

    private (Dictionary<string, byte[]> Metadata, byte[] Sync) ReadHeader()
    {
        Fill(Magic.Length);
        if (end - start < Magic.Length || !buffer.AsSpan(start, 3).SequenceEqual(Magic.AsSpan(0, 3)))
        {
            throw new AvroContainerException("The data does not start with the Avro container magic 'Obj'; it is not an Avro object container file.", 0L);
        }

        if (buffer[start + 3] == 0)
        {
            // Decision: Avro 1.2 containers (magic Obj\0, a different header layout) predate the 1.3 format every
            // current writer produces; only Java ever read them back, so they are refused with a clear reason.
            throw new AvroContainerException("This is a legacy Avro 1.2 container (magic 'Obj\\0'), which is not supported. Convert it with an Avro 1.x tool that still reads 1.2 files.", 3L);
        }

        if (buffer[start + 3] != 1)
        {
            throw new AvroContainerException($"Unsupported container version {buffer[start + 3]}; only version 1 (magic 'Obj\\x01') exists.", 3L);
        }

        // The header is a map<bytes> of unknown length: parse, and on a truncation read more and parse again.
        var want = Math.Min(buffer.Length, 4096);
        while (true)
        {
            Fill(want);
            try
            {
                var reader = new AvroBinaryReader(buffer.AsSpan(start, end - start), consumedBeforeBuffer);
                reader.Skip(Magic.Length);
                var metadata = ReadMetadata(ref reader);
                var headerSync = reader.ReadFixed(SyncSize).ToArray();
                start += reader.Position;
                return (metadata, headerSync);
            }
            catch (AvroTruncatedDataException) when (!endOfStream && want < MaxHeaderBytes)
            {
                want = Math.Min(want * 2, MaxHeaderBytes);
            }
            catch (AvroDecodeException ex) when (ex is not AvroContainerException)
            {
                throw new AvroContainerException($"Container header is damaged: {ex.Message}", ex.ByteOffset, ex);
            }
        }
    }

    private static Dictionary<string, byte[]> ReadMetadata(ref AvroBinaryReader reader)
    {
        var metadata = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (true)
        {
            var count = reader.ReadBlockCount(minItemBytes: 2, maxZeroByteItems: 0, out _);
            if (count == 0)
            {
                return metadata;
            }

            for (var i = 0L; i < count; i++)
            {
                var key = reader.ReadString();
                metadata[key] = reader.ReadBytes();
            }
        }
    }

    private bool TryReadBlock(out long count, out byte[] data, out long dataOffset)
    {
        data = [];
        Fill(20);
        dataOffset = consumedBeforeBuffer + start;
        if (start == end)
        {
            count = 0;
            return false;
        }

        var header = new AvroBinaryReader(buffer.AsSpan(start, end - start), dataOffset);
        count = header.ReadLong();
        var size = header.ReadLong();
        if (count < 0 || size < 0 || size > ContainerCodecs.MaxBlockBytes)
        {
            throw new AvroContainerException(
                $"Block header is invalid: {count} datums in {size} bytes (both must be non-negative, size at most {ContainerCodecs.MaxBlockBytes}).",
                dataOffset);
        }

        start += header.Position;
        dataOffset = consumedBeforeBuffer + start;
        var total = (int)size + SyncSize;
        Fill(total);
        if (end - start < total)
        {
            throw new AvroTruncatedDataException(
                $"File ends inside a block: the block needs {size} bytes plus a {SyncSize}-byte sync marker but only {end - start} remain.",
                dataOffset);
        }

        var raw = buffer.AsSpan(start, (int)size).ToArray();
        if (!buffer.AsSpan(start + (int)size, SyncSize).SequenceEqual(sync))
        {
            throw new AvroContainerException("Sync marker after the block does not match the header's; the file is corrupt.", dataOffset + size);
        }

        start += total;
        data = ContainerCodecs.Decompress(Codec, raw, raw.Length);
        return true;
    }

    /// <summary>Makes at least <paramref name="needed"/> bytes available from <see cref="start"/>, or all that remain.</summary>
    private void Fill(int needed)
    {
        if (end - start >= needed || endOfStream)
        {
            return;
        }

        // Compact, then grow only by doubling as data actually arrives: the buffer never exceeds twice what the stream delivered.
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            consumedBeforeBuffer += start;
            end -= start;
            start = 0;
        }

        while (end < needed)
        {
            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                endOfStream = true;
                return;
            }

            end += read;
        }
    }
}
