using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Etl.Elastic.Serialization;

/// <summary>
/// A <c>dense_vector</c> in the form Elasticsearch 9.3+ accepts in bulk: the float32 values, big-endian, base64-encoded
/// in one JSON string (elastic/elasticsearch#137072). 384 floats become 2,048 characters written in one pass, instead of
/// 384 decimal numbers (3,500+ characters, and the shortest-round-trip float formatting dominated a document's cost).
/// Reads both that form and a plain array of numbers, since <c>_source</c> comes back the way it was sent.
/// </summary>
public sealed class DenseVectorJsonConverter(bool writeBase64) : JsonConverter<float[]>
{
    public override float[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                var bytes = reader.GetBytesFromBase64();
                if (bytes.Length % sizeof(float) != 0)
                {
                    throw new JsonException($"A base64 vector decodes to {bytes.Length} bytes, not a multiple of 4 (float32 values).");
                }

                var vector = new float[bytes.Length / sizeof(float)];
                for (var i = 0; i < vector.Length; i++)
                {
                    vector[i] = BinaryPrimitives.ReadSingleBigEndian(bytes.AsSpan(i * sizeof(float)));
                }

                return vector;
            case JsonTokenType.StartArray:
                var values = new List<float>(384);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    values.Add(reader.GetSingle());
                }

                return [.. values];
            default:
                throw new JsonException($"A vector must be a base64 string or an array of numbers, not {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, float[] value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (!writeBase64)
        {
            writer.WriteStartArray();
            foreach (var v in value)
            {
                writer.WriteNumberValue(v);
            }

            writer.WriteEndArray();
            return;
        }

        var length = value.Length * sizeof(float);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            for (var i = 0; i < value.Length; i++)
            {
                if (!float.IsFinite(value[i]))
                {
                    throw new JsonException($"Vector component {i} is {value[i]}; vectors must be finite numbers.");
                }

                BinaryPrimitives.WriteSingleBigEndian(buffer.AsSpan(i * sizeof(float)), value[i]);
            }

            writer.WriteBase64StringValue(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
