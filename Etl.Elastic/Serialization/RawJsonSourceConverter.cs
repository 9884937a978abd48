using System.Text.Json;
using System.Text.Json.Serialization;

namespace Etl.Elastic.Serialization;

/// <summary>Writes <see cref="RawJsonSource"/> verbatim; it is never read back.</summary>
public sealed class RawJsonSourceConverter : JsonConverter<RawJsonSource>
{
    public override RawJsonSource Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("RawJsonSource is written into bulk bodies only; read documents into their own types.");

    public override void Write(Utf8JsonWriter writer, RawJsonSource value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        // Written by our own serializer a moment ago; validating it again would cost as much as writing it.
        writer.WriteRawValue(value.Utf8Json.Span, skipInputValidation: true);
    }
}
