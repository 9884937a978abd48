using System.Globalization;
using System.Text.Json;
using Avro;
using Avro.Generic;

namespace Etl.Worker.Cli;

/// <summary>
/// Reads the spec's JSON encoding into the values Apache Avro's <c>GenericDatumWriter</c> writes: <see cref="GenericRecord"/>,
/// <see cref="GenericEnum"/>, <see cref="GenericFixed"/>, <c>object[]</c> arrays, string-keyed dictionaries. Ours rather
/// than Apache Avro's <c>JsonDecoder</c>, which (1.12.2) fails with a <see cref="KeyNotFoundException"/> on fields in
/// another order than the schema's, does not fill in defaults and names no field in its errors. Takes a schema
/// without logical types (<see cref="AvroJsonSchema.WithoutLogicalTypes"/>).
/// </summary>
public static class AvroJsonReader
{
    /// <summary>Parses one line of JSON text and reads it as a value of <paramref name="schema"/>.</summary>
    /// <exception cref="AvroInputException">The text is not JSON or does not match the schema; the message names the field path.</exception>
    public static object? Read(string json, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new AvroInputException($"Input is not valid JSON (byte {ex.BytePositionInLine + 1}): {ex.Message}", ex);
        }

        using (document)
        {
            return ReadValue(document.RootElement, schema, wrappedUnions: true);
        }
    }

    private static object? ReadValue(JsonElement json, Schema schema, bool wrappedUnions)
    {
        switch (schema.Tag)
        {
            case Schema.Type.Null:
                return json.ValueKind == JsonValueKind.Null ? null : throw Mismatch(schema, json);
            case Schema.Type.Boolean:
                return json.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw Mismatch(schema, json),
                };
            case Schema.Type.Int:
                return json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out var i) ? i : throw Mismatch(schema, json);
            case Schema.Type.Long:
                return json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var l) ? l : throw Mismatch(schema, json);
            case Schema.Type.Float:
                return (float)ReadDouble(json, schema);
            case Schema.Type.Double:
                return ReadDouble(json, schema);
            case Schema.Type.Bytes:
                return ReadByteString(json, schema, expectedLength: -1);
            case Schema.Type.Fixed:
                var fixedSchema = (FixedSchema)schema;
                return new GenericFixed(fixedSchema, ReadByteString(json, schema, fixedSchema.Size));
            case Schema.Type.String:
                return json.ValueKind == JsonValueKind.String ? json.GetString() : throw Mismatch(schema, json);
            case Schema.Type.Enumeration:
            {
                var enumSchema = (EnumSchema)schema;
                var symbol = json.ValueKind == JsonValueKind.String ? json.GetString()! : throw Mismatch(schema, json);
                return enumSchema.Contains(symbol)
                    ? new GenericEnum(enumSchema, symbol)
                    : throw new AvroInputException($"'{symbol}' is not a symbol of enum '{enumSchema.Fullname}'. Use one of: {string.Join(", ", enumSchema.Symbols)}.");
            }

            case Schema.Type.Array:
            {
                if (json.ValueKind != JsonValueKind.Array)
                {
                    throw Mismatch(schema, json);
                }

                var itemSchema = ((ArraySchema)schema).ItemSchema;
                var items = new object?[json.GetArrayLength()];
                var index = 0;
                foreach (var item in json.EnumerateArray())
                {
                    items[index] = WithPath(string.Create(CultureInfo.InvariantCulture, $"[{index}]"), () => ReadValue(item, itemSchema, wrappedUnions));
                    index++;
                }

                return items;
            }

            case Schema.Type.Map:
            {
                if (json.ValueKind != JsonValueKind.Object)
                {
                    throw Mismatch(schema, json);
                }

                var valueSchema = ((MapSchema)schema).ValueSchema;
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in json.EnumerateObject())
                {
                    map[property.Name] = WithPath($"[\"{property.Name}\"]", () => ReadValue(property.Value, valueSchema, wrappedUnions));
                }

                return map;
            }

            case Schema.Type.Record or Schema.Type.Error:
                return ReadRecord(json, (RecordSchema)schema, wrappedUnions);
            case Schema.Type.Union:
                return wrappedUnions ? ReadWrappedUnion(json, (UnionSchema)schema) : ReadDefaultUnion(json, (UnionSchema)schema);
            case Schema.Type.Logical:
                throw new InvalidOperationException("Logical types are removed before reading JSON (AvroJsonSchema.WithoutLogicalTypes).");
            default:
                throw new InvalidOperationException($"Unknown schema type {schema.Tag}.");
        }
    }

    private static GenericRecord ReadRecord(JsonElement json, RecordSchema schema, bool wrappedUnions)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Mismatch(schema, json);
        }

        foreach (var property in json.EnumerateObject())
        {
            if (!schema.Contains(property.Name))
            {
                // Refusing unknown names keeps a typo from silently dropping data.
                throw new AvroInputException(
                    $"Record '{schema.Fullname}' has no field '{property.Name}'. Fields: {string.Join(", ", schema.Fields.Select(f => f.Name))}.");
            }
        }

        var record = new GenericRecord(schema);
        foreach (var field in schema.Fields)
        {
            if (json.TryGetProperty(field.Name, out var value))
            {
                record.Add(field.Pos, WithPath(field.Name, () => ReadValue(value, field.Schema, wrappedUnions)));
            }
            else if (field.DefaultValue is { } defaultValue)
            {
                // Defaults are plain JSON whose unions take their first matching branch without a wrapper.
                using var document = JsonDocument.Parse(defaultValue.ToString(Newtonsoft.Json.Formatting.None));
                record.Add(field.Pos, WithPath(field.Name, () => ReadValue(document.RootElement, field.Schema, wrappedUnions: false)));
            }
            else
            {
                throw new AvroInputException($"Field '{field.Name}' of record '{schema.Fullname}' is missing and has no default. Add it to the JSON.");
            }
        }

        return record;
    }

    private static object? ReadWrappedUnion(JsonElement json, UnionSchema union)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return union.Schemas.Any(b => b.Tag == Schema.Type.Null)
                ? null
                : throw new AvroInputException($"null is not allowed: the union [{BranchList(union)}] has no null branch.");
        }

        var count = 0;
        JsonProperty wrapped = default;
        if (json.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in json.EnumerateObject())
            {
                wrapped = property;
                count++;
            }
        }

        if (count != 1)
        {
            throw new AvroInputException(
                $"A non-null union value must be an object with exactly one property naming the branch, e.g. {{\"string\": \"x\"}}; got {Abbreviate(json)}. Branches: {BranchList(union)}.");
        }

        foreach (var branch in union.Schemas)
        {
            if (AvroJsonSchema.BranchName(branch) == wrapped.Name || (branch is NamedSchema named && named.Name == wrapped.Name))
            {
                return WithPath($"<{wrapped.Name}>", () => ReadValue(wrapped.Value, branch, wrappedUnions: true));
            }
        }

        throw new AvroInputException($"'{wrapped.Name}' is not a branch of the union [{BranchList(union)}].");
    }

    private static object? ReadDefaultUnion(JsonElement json, UnionSchema union)
    {
        foreach (var branch in union.Schemas)
        {
            try
            {
                return ReadValue(json, branch, wrappedUnions: false);
            }
            catch (AvroInputException)
            {
                // Try the next branch: a default is matched against the first branch it fits.
            }
        }

        throw new AvroInputException($"Default {Abbreviate(json)} matches no branch of the union [{BranchList(union)}].");
    }

    private static double ReadDouble(JsonElement json, Schema schema)
    {
        if (json.ValueKind == JsonValueKind.Number)
        {
            return json.GetDouble();
        }

        // Non-finite numbers have no JSON literal; Avro implementations write them as strings.
        return json.ValueKind == JsonValueKind.String
            ? json.GetString() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                _ => throw Mismatch(schema, json),
            }
            : throw Mismatch(schema, json);
    }

    private static byte[] ReadByteString(JsonElement json, Schema schema, int expectedLength)
    {
        var text = json.ValueKind == JsonValueKind.String ? json.GetString()! : throw Mismatch(schema, json);
        if (expectedLength >= 0 && text.Length != expectedLength)
        {
            throw new AvroInputException($"Fixed '{AvroJsonSchema.BranchName(schema)}' needs {expectedLength} bytes but the string has {text.Length} characters.");
        }

        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = text[i] <= 0xFF
                ? (byte)text[i]
                : throw new AvroInputException($"Character U+{(int)text[i]:X4} at position {i} is not a byte; bytes in Avro JSON use code points 0–255 only.");
        }

        return bytes;
    }

    private static T WithPath<T>(string segment, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (AvroInputException ex)
        {
            ex.PrependPath(segment);
            throw;
        }
    }

    private static string BranchList(UnionSchema union) => string.Join(", ", union.Schemas.Select(AvroJsonSchema.BranchName));

    private static AvroInputException Mismatch(Schema schema, JsonElement json) =>
        new($"JSON {Abbreviate(json)} is not a valid Avro '{AvroJsonSchema.BranchName(schema)}'.");

    private static string Abbreviate(JsonElement json)
    {
        var text = json.GetRawText();
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}
