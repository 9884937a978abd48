using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Etl.Schemas.Avro;

/// <summary>Writes a schema as JSON: the full form, or the Parsing Canonical Form (spec: PRIMITIVES, FULLNAMES, STRIP, ORDER, STRINGS, INTEGERS, WHITESPACE).</summary>
internal static class SchemaJsonWriter
{
    // Canonical form keeps characters unescaped (STRINGS rule); names are ASCII anyway, docs and defaults are stripped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    public static string Write(AvroSchema schema, SchemaJsonMode mode)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            WriteSchema(writer, schema, mode, new HashSet<string>(StringComparer.Ordinal));
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteSchema(Utf8JsonWriter writer, AvroSchema schema, SchemaJsonMode mode, HashSet<string> written)
    {
        var full = mode == SchemaJsonMode.Full;
        var logical = mode != SchemaJsonMode.Canonical;
        switch (schema)
        {
            case PrimitiveSchema primitive:
                if ((logical && primitive.LogicalType is not null) || (full && primitive.Properties.Count > 0))
                {
                    writer.WriteStartObject();
                    writer.WriteString("type", AvroSchema.TypeName(primitive.Type));
                    WriteLogicalType(writer, primitive.LogicalType);
                    WriteProperties(writer, primitive.Properties, full);
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteStringValue(AvroSchema.TypeName(primitive.Type));
                }

                break;

            case NamedSchema named when !written.Add(named.FullName):
                writer.WriteStringValue(named.FullName);
                break;

            case RecordSchema record:
                writer.WriteStartObject();
                WriteNameAndType(writer, record, record.IsError && full ? "error" : "record", full);
                writer.WritePropertyName("fields");
                writer.WriteStartArray();
                foreach (var field in record.Fields)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", field.Name);
                    writer.WritePropertyName("type");
                    WriteSchema(writer, field.Schema, mode, written);
                    if (full)
                    {
                        if (field.Doc is not null)
                        {
                            writer.WriteString("doc", field.Doc);
                        }

                        if (field.DefaultJson is { } defaultJson)
                        {
                            writer.WritePropertyName("default");
                            defaultJson.WriteTo(writer);
                        }

                        if (field.Order != FieldOrder.Ascending)
                        {
                            writer.WriteString("order", field.Order == FieldOrder.Descending ? "descending" : "ignore");
                        }

                        WriteAliases(writer, field.Aliases);
                        WriteProperties(writer, field.Properties, full);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                WriteProperties(writer, record.Properties, full);
                writer.WriteEndObject();
                break;

            case EnumSchema enumSchema:
                writer.WriteStartObject();
                WriteNameAndType(writer, enumSchema, "enum", full);
                writer.WritePropertyName("symbols");
                writer.WriteStartArray();
                foreach (var symbol in enumSchema.Symbols)
                {
                    writer.WriteStringValue(symbol);
                }

                writer.WriteEndArray();
                if (full && enumSchema.Default is not null)
                {
                    writer.WriteString("default", enumSchema.Default);
                }

                WriteProperties(writer, enumSchema.Properties, full);
                writer.WriteEndObject();
                break;

            case FixedSchema fixedSchema:
                writer.WriteStartObject();
                WriteNameAndType(writer, fixedSchema, "fixed", full);
                writer.WriteNumber("size", fixedSchema.Size);
                if (logical)
                {
                    WriteLogicalType(writer, fixedSchema.LogicalType);
                }

                WriteProperties(writer, fixedSchema.Properties, full);
                writer.WriteEndObject();
                break;

            case ArraySchema array:
                writer.WriteStartObject();
                writer.WriteString("type", "array");
                writer.WritePropertyName("items");
                WriteSchema(writer, array.Items, mode, written);
                WriteProperties(writer, array.Properties, full);
                writer.WriteEndObject();
                break;

            case MapSchema map:
                writer.WriteStartObject();
                writer.WriteString("type", "map");
                writer.WritePropertyName("values");
                WriteSchema(writer, map.Values, mode, written);
                WriteProperties(writer, map.Properties, full);
                writer.WriteEndObject();
                break;

            case UnionSchema union:
                writer.WriteStartArray();
                foreach (var branch in union.Branches)
                {
                    WriteSchema(writer, branch, mode, written);
                }

                writer.WriteEndArray();
                break;

            default:
                throw new InvalidOperationException($"Unknown schema class {schema.GetType().Name}.");
        }
    }

    private static void WriteNameAndType(Utf8JsonWriter writer, NamedSchema schema, string type, bool full)
    {
        // Canonical order is name first; the full form uses the same order so both read alike.
        writer.WriteString("name", schema.FullName);
        writer.WriteString("type", type);
        if (full && schema.Namespace is null)
        {
            // A dotless name would otherwise inherit the enclosing namespace when the schema is parsed again.
            writer.WriteString("namespace", string.Empty);
        }

        if (full)
        {
            if (schema.Doc is not null)
            {
                writer.WriteString("doc", schema.Doc);
            }

            WriteAliases(writer, schema.Aliases);
        }
    }

    private static void WriteAliases(Utf8JsonWriter writer, IReadOnlyList<string> aliases)
    {
        if (aliases.Count == 0)
        {
            return;
        }

        writer.WritePropertyName("aliases");
        writer.WriteStartArray();
        foreach (var alias in aliases)
        {
            writer.WriteStringValue(alias);
        }

        writer.WriteEndArray();
    }

    private static void WriteLogicalType(Utf8JsonWriter writer, AvroLogicalType? logicalType)
    {
        if (logicalType is null)
        {
            return;
        }

        writer.WriteString("logicalType", logicalType.Name);
        if (logicalType.Name == AvroLogicalType.Decimal)
        {
            writer.WriteNumber("precision", logicalType.Precision);
            writer.WriteNumber("scale", logicalType.Scale);
        }
    }

    private static void WriteProperties(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement> properties, bool full)
    {
        if (!full)
        {
            return;
        }

        foreach (var (name, value) in properties)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }
}
