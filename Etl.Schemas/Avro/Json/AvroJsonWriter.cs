using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Etl.Schemas.Avro.Json;

/// <summary>
/// Writes generic values in the spec's JSON encoding: unions as <c>null</c> or <c>{"branch": value}</c>, bytes and fixed as
/// strings whose code points 0–255 are the byte values, enums as their symbol.
/// </summary>
public static class AvroJsonWriter
{
    /// <summary>Writer options that keep non-ASCII text readable (escaping only what JSON requires).</summary>
    public static JsonWriterOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Utf8JsonWriter writer, AvroSchema schema, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(schema);
        WriteValue(writer, schema, value);
    }

    /// <summary>The value as one line of JSON.</summary>
    public static string ToJson(AvroSchema schema, object? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, schema, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteValue(Utf8JsonWriter writer, AvroSchema schema, object? value)
    {
        switch (schema.Type)
        {
            case AvroType.Null:
                writer.WriteNullValue();
                break;
            case AvroType.Boolean:
                writer.WriteBooleanValue((bool)value!);
                break;
            case AvroType.Int:
                writer.WriteNumberValue(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case AvroType.Long:
                writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case AvroType.Float:
            {
                var f = Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture);
                if (float.IsFinite(f))
                {
                    writer.WriteNumberValue(f);
                }
                else
                {
                    writer.WriteStringValue(NonFiniteName(f));
                }

                break;
            }

            case AvroType.Double:
            {
                var d = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                if (double.IsFinite(d))
                {
                    writer.WriteNumberValue(d);
                }
                else
                {
                    writer.WriteStringValue(NonFiniteName(d));
                }

                break;
            }

            case AvroType.Bytes:
                writer.WriteStringValue(BytesToJsonString((byte[])value!));
                break;
            case AvroType.Fixed:
                writer.WriteStringValue(BytesToJsonString(value is GenericFixed fixedValue ? fixedValue.Bytes : (byte[])value!));
                break;
            case AvroType.String:
                writer.WriteStringValue((string)value!);
                break;
            case AvroType.Enum:
                writer.WriteStringValue(value is GenericEnumSymbol e ? e.Symbol : (string)value!);
                break;
            case AvroType.Array:
                writer.WriteStartArray();
                foreach (var item in (IEnumerable)value!)
                {
                    WriteValue(writer, ((ArraySchema)schema).Items, item);
                }

                writer.WriteEndArray();
                break;
            case AvroType.Map:
                writer.WriteStartObject();
                foreach (var (key, item) in (IEnumerable<KeyValuePair<string, object?>>)value!)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, ((MapSchema)schema).Values, item);
                }

                writer.WriteEndObject();
                break;
            case AvroType.Record:
            {
                var record = (GenericRecord)value!;
                writer.WriteStartObject();
                foreach (var field in ((RecordSchema)schema).Fields)
                {
                    writer.WritePropertyName(field.Name);
                    WriteValue(writer, field.Schema, record[field.Name]);
                }

                writer.WriteEndObject();
                break;
            }

            case AvroType.Union:
            {
                var union = (UnionSchema)schema;
                var branch = union.Branches[GenericDatumWriter.SelectBranch(union, value)];
                if (branch.Type == AvroType.Null)
                {
                    writer.WriteNullValue();
                    break;
                }

                writer.WriteStartObject();
                writer.WritePropertyName(branch.BranchName);
                WriteValue(writer, branch, value);
                writer.WriteEndObject();
                break;
            }

            default:
                throw new InvalidOperationException($"Unknown schema type {schema.Type}.");
        }
    }

    private static string NonFiniteName(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";

    private static string BytesToJsonString(byte[] bytes) => string.Create(bytes.Length, bytes, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = (char)source[i];
        }
    });
}
