using System.Security.Cryptography;
using System.Text;

namespace Etl.Schemas.Avro.Container;

/// <summary>Writes Avro object container files with the null or deflate codec.</summary>
public sealed class AvroContainerWriter : IDisposable
{
    private readonly Stream stream;
    private readonly bool leaveOpen;
    private readonly string codec;
    private readonly int blockSizeBytes;
    private readonly byte[] sync = new byte[16];
    private readonly AvroBinaryWriter block = new(4096);
    private readonly AvroBinaryWriter frame = new(32);
    private readonly MemoryStream scratch = new();
    private readonly GenericDatumWriter datumWriter;
    private long blockCount;
    private bool disposed;

    /// <param name="stream">Where the file goes.</param>
    /// <param name="schema">The writer schema, stored in the header.</param>
    /// <param name="codec"><see cref="ContainerCodecs.Null"/> or <see cref="ContainerCodecs.Deflate"/>.</param>
    /// <param name="blockSizeBytes">Uncompressed bytes collected before a block is written.</param>
    /// <param name="metadata">Extra header metadata (keys starting with <c>avro.</c> are reserved).</param>
    /// <param name="leaveOpen">Leave <paramref name="stream"/> open on dispose.</param>
    public AvroContainerWriter(Stream stream, AvroSchema schema, string codec = ContainerCodecs.Null, int blockSizeBytes = 64 * 1024, IReadOnlyDictionary<string, byte[]>? metadata = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(codec);
        if (!ContainerCodecs.CanWrite(codec))
        {
            throw new AvroUnsupportedCodecException($"Cannot write container codec '{codec}'; use '{ContainerCodecs.Null}' or '{ContainerCodecs.Deflate}'.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(blockSizeBytes, 1);
        this.stream = stream;
        this.leaveOpen = leaveOpen;
        this.codec = codec;
        this.blockSizeBytes = blockSizeBytes;
        Schema = schema;
        datumWriter = new GenericDatumWriter(schema);
        RandomNumberGenerator.Fill(sync);
        WriteHeader(metadata);
    }

    public AvroSchema Schema { get; }

    /// <summary>Appends a generic value.</summary>
    /// <exception cref="AvroEncodeException">The value does not match <see cref="Schema"/>; nothing is appended.</exception>
    public void Append(object? datum)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var mark = block.Length;
        try
        {
            datumWriter.Write(block, datum);
        }
        catch (AvroException)
        {
            Truncate(mark);
            throw;
        }

        Appended();
    }

    /// <summary>Appends a datum already encoded with <see cref="Schema"/> (e.g. by a typed fast-path encoder).</summary>
    public void AppendEncoded(ReadOnlySpan<byte> encodedDatum)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        block.WriteRaw(encodedDatum);
        Appended();
    }

    /// <summary>Writes the pending block, if any, and flushes the stream.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        WriteBlock();
        stream.Flush();
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        WriteBlock();
        stream.Flush();
        disposed = true;
        scratch.Dispose();
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }

    private void Appended()
    {
        blockCount++;
        if (block.Length >= blockSizeBytes)
        {
            WriteBlock();
        }
    }

    private void Truncate(int length)
    {
        // Drop a partially written datum: copy what was there before it back into a fresh block.
        var kept = block.WrittenSpan[..length].ToArray();
        block.Reset();
        block.WriteRaw(kept);
    }

    private void WriteHeader(IReadOnlyDictionary<string, byte[]>? metadata)
    {
        frame.Reset();
        frame.WriteRaw("Obj\u0001"u8);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata ?? new Dictionary<string, byte[]>())
        {
            if (key.StartsWith("avro.", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Metadata key '{key}' is reserved for Avro; choose a key without the 'avro.' prefix.", nameof(metadata));
            }

            entries[key] = value;
        }

        entries["avro.schema"] = Encoding.UTF8.GetBytes(Schema.ToJson());
        entries["avro.codec"] = Encoding.UTF8.GetBytes(codec);
        frame.WriteLong(entries.Count);
        foreach (var (key, value) in entries)
        {
            frame.WriteString(key);
            frame.WriteBytes(value);
        }

        frame.WriteLong(0);
        frame.WriteRaw(sync);
        stream.Write(frame.WrittenSpan);
    }

    private void WriteBlock()
    {
        if (blockCount == 0)
        {
            return;
        }

        var data = ContainerCodecs.Compress(codec, block.WrittenSpan, scratch);
        frame.Reset();
        frame.WriteLong(blockCount);
        frame.WriteLong(data.Length);
        stream.Write(frame.WrittenSpan);
        stream.Write(data);
        stream.Write(sync);
        block.Reset();
        blockCount = 0;
    }
}
