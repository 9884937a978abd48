using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Avro;
using Avro.Generic;

namespace Etl.Worker.Cli;

/// <summary>
/// Writes the values Apache Avro's <c>GenericDatumReader</c> returns in the spec's JSON encoding: unions as <c>null</c>
/// or <c>{"branch": value}</c>, bytes and fixed as strings whose code points 0–255 are the byte values, enums as their
/// symbol, non-finite floats as <c>"NaN"</c>/<c>"Infinity"</c>. Numbers are written in their shortest round-trip form
/// (Apache Avro's <c>JsonEncoder</c> would write the double 7 as <c>7.0</c>). Takes a schema without logical types
/// (<see cref="AvroJsonSchema.WithoutLogicalTypes"/>).
/// </summary>
public static class AvroJsonWriter
{
    // Keeps non-ASCII text readable, escaping only what JSON requires.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The value as one line of JSON.</summary>
    public static string ToJson(Schema schema, object? value)
    {
        ArgumentNullException.ThrowIfNull(schema);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            WriteValue(writer, schema, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteValue(Utf8JsonWriter writer, Schema schema, object? value)
    {
        switch (schema.Tag)
        {
            case Schema.Type.Null:
                writer.WriteNullValue();
                break;
            case Schema.Type.Boolean:
                writer.WriteBooleanValue((bool)value!);
                break;
            case Schema.Type.Int:
                writer.WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture));
                break;
            case Schema.Type.Long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case Schema.Type.Float:
            {
                var f = Convert.ToSingle(value, CultureInfo.InvariantCulture);
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

            case Schema.Type.Double:
            {
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
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

            case Schema.Type.Bytes:
                writer.WriteStringValue(BytesToJsonString((byte[])value!));
                break;
            case Schema.Type.Fixed:
                writer.WriteStringValue(BytesToJsonString(((GenericFixed)value!).Value));
                break;
            case Schema.Type.String:
                writer.WriteStringValue((string)value!);
                break;
            case Schema.Type.Enumeration:
                writer.WriteStringValue(((GenericEnum)value!).Value);
                break;
            case Schema.Type.Array:
                writer.WriteStartArray();
                foreach (var item in (IEnumerable)value!)
                {
                    WriteValue(writer, ((ArraySchema)schema).ItemSchema, item);
                }

                writer.WriteEndArray();
                break;
            case Schema.Type.Map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in (IDictionary)value!)
                {
                    writer.WritePropertyName((string)entry.Key);
                    WriteValue(writer, ((MapSchema)schema).ValueSchema, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case Schema.Type.Record or Schema.Type.Error:
            {
                var record = (GenericRecord)value!;
                writer.WriteStartObject();
                foreach (var field in ((RecordSchema)schema).Fields)
                {
                    writer.WritePropertyName(field.Name);
                    WriteValue(writer, field.Schema, record.GetValue(field.Pos));
                }

                writer.WriteEndObject();
                break;
            }

            case Schema.Type.Union:
            {
                var branch = SelectBranch((UnionSchema)schema, value);
                if (branch.Tag == Schema.Type.Null)
                {
                    writer.WriteNullValue();
                    break;
                }

                writer.WriteStartObject();
                writer.WritePropertyName(AvroJsonSchema.BranchName(branch));
                WriteValue(writer, branch, value);
                writer.WriteEndObject();
                break;
            }

            case Schema.Type.Logical:
                throw new InvalidOperationException("Logical types are removed before writing JSON (AvroJsonSchema.WithoutLogicalTypes).");
            default:
                throw new InvalidOperationException($"Unknown schema type {schema.Tag}.");
        }
    }

    // A union holds at most one branch of each unnamed type and one per name, so the value's type picks exactly one.
    private static Schema SelectBranch(UnionSchema union, object? value) =>
        union.Schemas.FirstOrDefault(branch => Matches(branch, value))
        ?? throw new InvalidOperationException($"Value of type {value?.GetType().Name ?? "null"} matches no branch of the union [{string.Join(", ", union.Schemas.Select(AvroJsonSchema.BranchName))}].");

    private static bool Matches(Schema branch, object? value) => branch.Tag switch
    {
        Schema.Type.Null => value is null,
        Schema.Type.Boolean => value is bool,
        Schema.Type.Int => value is int,
        Schema.Type.Long => value is long,
        Schema.Type.Float => value is float,
        Schema.Type.Double => value is double,
        Schema.Type.Bytes => value is byte[],
        Schema.Type.String => value is string,
        Schema.Type.Record or Schema.Type.Error => value is GenericRecord r && r.Schema.Fullname == ((NamedSchema)branch).Fullname,
        Schema.Type.Enumeration => value is GenericEnum e && e.Schema.Fullname == ((NamedSchema)branch).Fullname,
        Schema.Type.Fixed => value is GenericFixed x && x.Schema.Fullname == ((NamedSchema)branch).Fullname,
        Schema.Type.Array => value is Array and not byte[],
        Schema.Type.Map => value is IDictionary,
        _ => false,
    };

    private static string NonFiniteName(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";

    private static string BytesToJsonString(byte[] bytes) => string.Create(bytes.Length, bytes, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = (char)source[i];
        }
    });
}
