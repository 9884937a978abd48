using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Etl.Schemas.Avro;

/// <summary>
/// Reads Avro binary primitives from a span. Every length is checked against the bytes that remain before anything
/// is allocated, so hostile input can cost at most its own size.
/// </summary>
public ref struct AvroBinaryReader
{
    // Strict UTF-8: a string field with invalid bytes is reported, not silently turned into U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> data;
    private readonly long baseOffset;
    private int position;

    /// <param name="data">The encoded bytes.</param>
    /// <param name="baseOffset">Offset of <paramref name="data"/> within a larger message or file, added to offsets in errors.</param>
    public AvroBinaryReader(ReadOnlySpan<byte> data, long baseOffset = 0)
    {
        this.data = data;
        this.baseOffset = baseOffset;
        position = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => position;

    /// <summary>Bytes not yet consumed.</summary>
    public readonly int Remaining => data.Length - position;

    /// <summary>Absolute offset used in error messages.</summary>
    public readonly long Offset => baseOffset + position;

    public readonly bool End => position >= data.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadLong()
    {
        // One-byte fast path: small numbers, lengths and union indexes dominate real data.
        if ((uint)position < (uint)data.Length)
        {
            var first = data[position];
            if (first < 0x80)
            {
                position++;
                return (first >> 1) ^ -(long)(first & 1);
            }
        }

        return ReadLongSlow();
    }

    private long ReadLongSlow()
    {
        // With 10 bytes in hand no per-byte bounds check is needed; timestamps and snowflake ids take 6-10 bytes.
        if (data.Length - position >= 10)
        {
            ulong value = 0;
            var p = position;
            for (var bits = 0; bits < 70; bits += 7)
            {
                var b = data[p++];
                value |= (ulong)(b & 0x7f) << bits;
                if (b < 0x80)
                {
                    position = p;
                    return (long)(value >> 1) ^ -(long)(value & 1);
                }
            }

            throw new AvroInvalidDataException("Variable-length integer is longer than 10 bytes; the data is corrupt or not Avro.", baseOffset + position);
        }

        var start = position;
        ulong result = 0;
        var shift = 0;
        while (true)
        {
            if (position >= data.Length)
            {
                ThrowTruncated("a variable-length integer", start, 1);
            }

            var b = data[position++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }

            shift += 7;
            if (shift > 63)
            {
                throw new AvroInvalidDataException("Variable-length integer is longer than 10 bytes; the data is corrupt or not Avro.", baseOffset + start);
            }
        }

        return (long)(result >> 1) ^ -(long)(result & 1);
    }

    public int ReadInt()
    {
        var start = position;
        var value = ReadLong();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new AvroInvalidDataException($"Value {value} does not fit an Avro int (32-bit).", baseOffset + start);
        }

        return (int)value;
    }

    public bool ReadBoolean()
    {
        if (position >= data.Length)
        {
            ThrowTruncated("a boolean", position, 1);
        }

        var b = data[position];
        if (b > 1)
        {
            throw new AvroInvalidDataException($"Boolean byte is {b}; only 0 and 1 are valid.", baseOffset + position);
        }

        position++;
        return b == 1;
    }

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(ReadSpan(4, "a float"));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(ReadSpan(8, "a double"));

    /// <summary>Reads a length-prefixed byte sequence without copying.</summary>
    public ReadOnlySpan<byte> ReadBytesSpan() => ReadSpan(ReadLength("bytes"), "bytes");

    public byte[] ReadBytes() => ReadBytesSpan().ToArray();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string ReadString()
    {
        var start = position;
        var bytes = ReadSpan(ReadLength("string"), "string");
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new AvroInvalidDataException("String is not valid UTF-8.", baseOffset + start, ex);
        }
    }

    public void SkipString() => ReadSpan(ReadLength("string"), "string");

    /// <summary>Reads exactly <paramref name="size"/> bytes (a fixed value).</summary>
    public ReadOnlySpan<byte> ReadFixed(int size) => ReadSpan(size, "fixed");

    /// <summary>Reads a union branch index and checks it against the number of branches.</summary>
    public int ReadUnionIndex(int branchCount) => ReadIndex(branchCount, "Union branch index", "branches");

    /// <summary>Reads an enum symbol index and checks it against the number of symbols.</summary>
    public int ReadEnumIndex(int symbolCount) => ReadIndex(symbolCount, "Enum symbol index", "symbols");

    private int ReadIndex(int count, string what, string items)
    {
        var start = position;
        var index = ReadLong();
        if ((ulong)index >= (ulong)count)
        {
            throw new AvroInvalidDataException($"{what} {index} is out of range; the schema has {count} {items}.", baseOffset + start);
        }

        return (int)index;
    }

    /// <summary>
    /// Reads an array or map block header. Returns the item count (0 ends the sequence); a negative count on the
    /// wire is followed by the block's byte size, which is returned in <paramref name="blockBytes"/> (else -1).
    /// </summary>
    /// <param name="minItemBytes">Smallest possible encoded size of one item, used to reject counts the remaining bytes cannot hold.</param>
    /// <param name="maxZeroByteItems">Cap on the count when items can encode to zero bytes, so a corrupt count cannot spin for ever.</param>
    /// <param name="blockBytes">The block's byte size when the writer recorded it, else -1.</param>
    public long ReadBlockCount(int minItemBytes, long maxZeroByteItems, out long blockBytes)
    {
        var start = position;
        var count = ReadLong();
        blockBytes = -1;
        if (count < 0)
        {
            if (count == long.MinValue)
            {
                throw new AvroInvalidDataException($"Block count {count} is invalid.", baseOffset + start);
            }

            count = -count;
            var sizeStart = position;
            blockBytes = ReadLong();
            if (blockBytes < 0 || blockBytes > Remaining)
            {
                throw new AvroInvalidDataException($"Block byte size {blockBytes} is negative or larger than the {Remaining} bytes that remain.", baseOffset + sizeStart);
            }
        }

        if (minItemBytes > 0 ? count > Remaining / minItemBytes : count > maxZeroByteItems)
        {
            throw minItemBytes > 0
                ? new AvroTruncatedDataException($"Block declares {count} items but only {Remaining} bytes remain (each item needs at least {minItemBytes}).", baseOffset + start)
                : new AvroInvalidDataException($"Block declares {count} zero-byte items, above the limit of {maxZeroByteItems}.", baseOffset + start);
        }

        return count;
    }

    /// <summary>Skips <paramref name="count"/> bytes.</summary>
    public void Skip(long count)
    {
        if (count < 0 || count > Remaining)
        {
            ThrowTruncated($"{count} bytes to skip", position, count);
        }

        position += (int)count;
    }

    private int ReadLength(string what)
    {
        var start = position;
        var length = ReadLong();
        if (length < 0)
        {
            throw new AvroInvalidDataException($"Length of {what} is negative ({length}).", baseOffset + start);
        }

        if (length > Remaining)
        {
            throw new AvroTruncatedDataException($"Length of {what} is {length} bytes but only {Remaining} remain.", baseOffset + start);
        }

        return (int)length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> ReadSpan(int length, string what)
    {
        if ((uint)length > (uint)(data.Length - position))
        {
            ThrowTruncated(what, position, length);
        }

        var span = data.Slice(position, length);
        position += length;
        return span;
    }

    [DoesNotReturn]
    private readonly void ThrowTruncated(string what, int at, long needed) =>
        throw new AvroTruncatedDataException($"Data ended while reading {what}: needed {needed} bytes, {data.Length - at} remain.", baseOffset + at);
}
