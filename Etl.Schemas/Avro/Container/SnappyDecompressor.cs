using System.Buffers.Binary;

namespace Etl.Schemas.Avro.Container;

/// <summary>
/// Decompresses raw Snappy (the block format, not the framing format), as used by Avro's snappy codec. Written here
/// because no Snappy package is available; the format is small (literals and back-references).
/// </summary>
internal static class SnappyDecompressor
{
    // The best Snappy can do is a 3-byte copy element producing 64 bytes, so a declared length beyond this ratio is a lie.
    private const int MaxExpansion = 22;

    public static byte[] Decompress(ReadOnlySpan<byte> input, int maxOutputBytes)
    {
        var position = 0;
        var declared = ReadVarint32(input, ref position);
        if (declared > (long)input.Length * MaxExpansion || declared > maxOutputBytes)
        {
            throw new AvroContainerException(
                $"Snappy block declares {declared} uncompressed bytes, impossible for {input.Length} compressed bytes or above the limit of {maxOutputBytes}.");
        }

        var output = new byte[declared];
        var written = 0;
        while (position < input.Length)
        {
            var tag = input[position++];
            int length;
            switch (tag & 3)
            {
                case 0:
                    length = tag >> 2;
                    if (length >= 60)
                    {
                        var extraBytes = length - 59;
                        Require(input, position, extraBytes);
                        length = 0;
                        for (var i = 0; i < extraBytes; i++)
                        {
                            length |= input[position + i] << (8 * i);
                        }

                        position += extraBytes;
                        if (length < 0)
                        {
                            throw new AvroContainerException("Snappy literal length overflows.");
                        }
                    }

                    length++;
                    Require(input, position, length);
                    if (length > output.Length - written)
                    {
                        throw new AvroContainerException($"Snappy literal of {length} bytes overruns the declared size {declared}.");
                    }

                    input.Slice(position, length).CopyTo(output.AsSpan(written));
                    position += length;
                    written += length;
                    break;
                case 1:
                    Require(input, position, 1);
                    length = 4 + ((tag >> 2) & 7);
                    Copy(output, ref written, ((tag >> 5) << 8) | input[position++], length);
                    break;
                case 2:
                    Require(input, position, 2);
                    length = 1 + (tag >> 2);
                    Copy(output, ref written, BinaryPrimitives.ReadUInt16LittleEndian(input[position..]), length);
                    position += 2;
                    break;
                default:
                    Require(input, position, 4);
                    length = 1 + (tag >> 2);
                    var offset = BinaryPrimitives.ReadUInt32LittleEndian(input[position..]);
                    Copy(output, ref written, offset > int.MaxValue ? -1 : (int)offset, length);
                    position += 4;
                    break;
            }
        }

        if (written != declared)
        {
            throw new AvroContainerException($"Snappy block produced {written} bytes but declared {declared}.");
        }

        return output;
    }

    private static void Copy(byte[] output, ref int written, int offset, int length)
    {
        if (offset <= 0 || offset > written || length > output.Length - written)
        {
            throw new AvroContainerException($"Snappy back-reference (offset {offset}, length {length}) points outside the {written} bytes decoded so far.");
        }

        // Byte by byte: a copy may overlap its own output (offset < length repeats a pattern).
        for (var i = 0; i < length; i++)
        {
            output[written] = output[written - offset];
            written++;
        }
    }

    private static void Require(ReadOnlySpan<byte> input, int position, int count)
    {
        if (count > input.Length - position)
        {
            throw new AvroContainerException($"Snappy block ends early at byte {position}: {count} more bytes needed.");
        }
    }

    private static long ReadVarint32(ReadOnlySpan<byte> input, ref int position)
    {
        long result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            Require(input, position, 1);
            var b = input[position++];
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new AvroContainerException("Snappy length prefix is longer than 5 bytes.");
    }
}
