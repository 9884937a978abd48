using System.Buffers.Binary;
using System.Text;

namespace Etl.Schemas.Avro;

/// <summary>Writes Avro binary primitives into a growable buffer that can be reset and reused.</summary>
public sealed class AvroBinaryWriter
{
    private byte[] buffer;
    private int length;

    public AvroBinaryWriter(int initialCapacity = 256)
    {
        buffer = new byte[Math.Max(16, initialCapacity)];
    }

    /// <summary>Bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => buffer.AsSpan(0, length);

    public ReadOnlyMemory<byte> WrittenMemory => buffer.AsMemory(0, length);

    public int Length => length;

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Reset() => length = 0;

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void WriteLong(long value)
    {
        Ensure(10);
        var n = (ulong)((value << 1) ^ (value >> 63));
        while (n >= 0x80)
        {
            buffer[length++] = (byte)(n | 0x80);
            n >>= 7;
        }

        buffer[length++] = (byte)n;
    }

    public void WriteInt(int value) => WriteLong(value);

    public void WriteBoolean(bool value)
    {
        Ensure(1);
        buffer[length++] = value ? (byte)1 : (byte)0;
    }

    public void WriteFloat(float value)
    {
        Ensure(4);
        BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(length), value);
        length += 4;
    }

    public void WriteDouble(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(length), value);
        length += 8;
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteLong(value.Length);
        WriteRaw(value);
    }

    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteLong(byteCount);
        Ensure(byteCount);
        length += Encoding.UTF8.GetBytes(value, buffer.AsSpan(length));
    }

    /// <summary>Writes bytes without a length prefix (fixed values, framing).</summary>
    public void WriteRaw(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(buffer.AsSpan(length));
        length += value.Length;
    }

    /// <summary>Writes one byte without encoding (framing such as the Confluent magic byte).</summary>
    public void WriteByte(byte value)
    {
        Ensure(1);
        buffer[length++] = value;
    }

    /// <summary>Writes a 32-bit big-endian integer (Confluent schema id framing).</summary>
    public void WriteInt32BigEndian(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), value);
        length += 4;
    }

    private void Ensure(int extra)
    {
        if (buffer.Length - length >= extra)
        {
            return;
        }

        var size = Math.Max(buffer.Length * 2, length + extra);
        Array.Resize(ref buffer, size);
    }
}
