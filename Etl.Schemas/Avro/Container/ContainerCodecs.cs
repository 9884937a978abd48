using System.Buffers.Binary;
using System.IO.Compression;

namespace Etl.Schemas.Avro.Container;

/// <summary>Block codecs of object container files (the <c>avro.codec</c> metadata value).</summary>
public static class ContainerCodecs
{
    public const string Null = "null";
    public const string Deflate = "deflate";
    public const string Snappy = "snappy";
    public const string Zstandard = "zstandard";

    /// <summary>Largest decompressed block accepted, so a small hostile block cannot expand without bound.</summary>
    public const int MaxBlockBytes = 256 * 1024 * 1024;

    /// <summary>True for the codecs <see cref="AvroContainerWriter"/> can write.</summary>
    public static bool CanWrite(string codec) => codec is Null or Deflate;

    internal static void RequireReadable(string codec)
    {
        if (codec is not (Null or Deflate or Snappy))
        {
            throw new AvroUnsupportedCodecException(
                $"Container codec '{codec}' is not supported; this reader handles null, deflate and snappy. Re-encode the file with one of those (e.g. avro-tools recodec).");
        }
    }

    internal static byte[] Decompress(string codec, byte[] block, int length)
    {
        switch (codec)
        {
            case Null:
                return block.Length == length ? block : block.AsSpan(0, length).ToArray();
            case Deflate:
            {
                // Avro's deflate is raw RFC 1951 data with no zlib header, which is what DeflateStream reads.
                using var input = new DeflateStream(new MemoryStream(block, 0, length, writable: false), CompressionMode.Decompress);
                using var output = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                try
                {
                    while ((read = input.Read(chunk)) > 0)
                    {
                        if (output.Length + read > MaxBlockBytes)
                        {
                            throw new AvroContainerException($"Deflate block expands beyond {MaxBlockBytes} bytes; refusing to continue.");
                        }

                        output.Write(chunk, 0, read);
                    }
                }
                catch (InvalidDataException ex)
                {
                    throw new AvroContainerException($"Deflate block is corrupt: {ex.Message}", ex);
                }

                return output.ToArray();
            }

            case Snappy:
            {
                if (length < 4)
                {
                    throw new AvroContainerException($"Snappy block of {length} bytes is too short to hold its CRC32.");
                }

                var data = SnappyDecompressor.Decompress(block.AsSpan(0, length - 4), MaxBlockBytes);
                var expected = BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(length - 4, 4));
                var actual = Crc32.Compute(data);
                if (expected != actual)
                {
                    throw new AvroContainerException($"Snappy block CRC32 is {actual:x8} but the file says {expected:x8}; the block is corrupt.");
                }

                return data;
            }

            default:
                RequireReadable(codec);
                throw new InvalidOperationException("Unreachable: codec accepted but not handled.");
        }
    }

    internal static ReadOnlySpan<byte> Compress(string codec, ReadOnlySpan<byte> data, MemoryStream scratch)
    {
        switch (codec)
        {
            case Null:
                return data;
            case Deflate:
                scratch.SetLength(0);
                using (var deflate = new DeflateStream(scratch, CompressionLevel.Optimal, leaveOpen: true))
                {
                    deflate.Write(data);
                }

                return scratch.GetBuffer().AsSpan(0, (int)scratch.Length);
            default:
                throw new AvroUnsupportedCodecException($"Writing container codec '{codec}' is not supported; use '{Null}' or '{Deflate}'.");
        }
    }
}
