using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Etl.Schemas.Documents;

/// <summary>
/// Writes an embedding as a JSON array of numbers quickly: components of an L2-normalised vector lie in [-1, 1], so
/// they are written with six decimals by integer arithmetic instead of the general shortest round-trip float
/// formatting, which dominated the cost of a bulk body. Six decimals are finer than what cosine similarity on a
/// float32 <c>dense_vector</c> can tell apart. Components outside (-1, 1) keep full precision. Reads any JSON number array.
/// </summary>
public sealed class EmbeddingJsonConverter : JsonConverter<float[]>
{
    private const int Scale = 1_000_000;

    public override float[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"An embedding must be a JSON array of numbers, not {reader.TokenType}.");
        }

        var values = new List<float>(TweetDocument.EmbeddingDimensions);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.GetSingle());
        }

        return [.. values];
    }

    public override void Write(Utf8JsonWriter writer, float[] value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        // Longest component: "-0.123456" (9 bytes), or a full-precision float (at most 15), plus a comma.
        var buffer = ArrayPool<byte>.Shared.Rent(2 + (value.Length * 16));
        try
        {
            var span = buffer.AsSpan();
            var at = 0;
            span[at++] = (byte)'[';
            for (var i = 0; i < value.Length; i++)
            {
                if (i > 0)
                {
                    span[at++] = (byte)',';
                }

                at += Format(value[i], span[at..]);
            }

            span[at++] = (byte)']';
            writer.WriteRawValue(span[..at], skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Format(float v, Span<byte> destination)
    {
        if (!float.IsFinite(v))
        {
            throw new JsonException($"An embedding component is {v}; embeddings must be finite numbers.");
        }

        if (v <= -1f || v >= 1f)
        {
            Utf8Formatter.TryFormat(v, destination, out var written);
            return written;
        }

        var scaled = (int)MathF.Round(v * Scale);
        var at = 0;
        if (scaled < 0)
        {
            destination[at++] = (byte)'-';
            scaled = -scaled;
        }

        if (scaled == 0)
        {
            destination[0] = (byte)'0';
            return 1;
        }

        if (scaled >= Scale)
        {
            destination[at++] = (byte)'1';
            return at;
        }

        destination[at++] = (byte)'0';
        destination[at++] = (byte)'.';
        // Six digits with trailing zeros dropped: 0.25 rather than 0.250000.
        var digits = 6;
        while (scaled % 10 == 0)
        {
            scaled /= 10;
            digits--;
        }

        for (var d = digits - 1; d >= 0; d--)
        {
            destination[at + d] = (byte)('0' + (scaled % 10));
            scaled /= 10;
        }

        return at + digits;
    }
}
