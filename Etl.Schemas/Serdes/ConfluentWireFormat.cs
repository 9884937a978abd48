using System.Buffers.Binary;
using Etl.Schemas.Avro;

namespace Etl.Schemas.Serdes;

/// <summary>Confluent's framing of a Kafka key or value: magic byte 0, 4-byte big-endian schema id, then the Avro binary datum.</summary>
public static class ConfluentWireFormat
{
    public const byte MagicByte = 0;

    /// <summary>Bytes before the Avro datum.</summary>
    public const int HeaderSize = 5;

    /// <summary>Writes the frame header into <paramref name="writer"/>.</summary>
    public static void WriteHeader(AvroBinaryWriter writer, int schemaId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte(MagicByte);
        writer.WriteInt32BigEndian(schemaId);
    }

    /// <summary>Reads the schema id of a framed message.</summary>
    /// <exception cref="AvroWireFormatException">The message is shorter than the header or its first byte is not 0.</exception>
    public static int ReadSchemaId(ReadOnlySpan<byte> message)
    {
        if (message.Length < HeaderSize)
        {
            throw new AvroWireFormatException(
                $"Message of {message.Length} bytes is too short for the Confluent wire format (5-byte header: magic 0 + schema id).",
                message.Length);
        }

        if (message[0] != MagicByte)
        {
            throw new AvroWireFormatException(
                $"Unknown magic byte 0x{message[0]:x2}; Confluent-framed Avro starts with 0x00. The producer did not use a Schema Registry serializer.",
                0L);
        }

        return BinaryPrimitives.ReadInt32BigEndian(message[1..]);
    }
}
