using System.Text.Json;

namespace Etl.Schemas.Avro.Json;

/// <summary>Reads values in the spec's JSON encoding (and field defaults, whose unions are not wrapped) into generic values.</summary>
public static class AvroJsonReader
{
    /// <summary>Reads one value in the Avro JSON encoding.</summary>
    /// <exception cref="AvroDecodeException">The JSON does not match the schema; the message names the field path.</exception>
    public static object? Read(JsonElement json, AvroSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return ReadValue(json, schema, wrappedUnions: true);
    }

    /// <summary>Parses one line of JSON text and reads it.</summary>
    public static object? Read(string json, AvroSchema schema)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new AvroDecodeException($"Input is not valid JSON (byte {ex.BytePositionInLine + 1}): {ex.Message}", byteOffset: ex.BytePositionInLine, ex);
        }

        using (document)
        {
            return Read(document.RootElement, schema);
        }
    }

    /// <summary>Reads a field default: unions take the first branch that matches, without a wrapper object.</summary>
    public static object? ReadDefault(JsonElement json, AvroSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return ReadValue(json, schema, wrappedUnions: false);
    }

    private static object? ReadValue(JsonElement json, AvroSchema schema, bool wrappedUnions)
    {
        switch (schema.Type)
        {
            case AvroType.Null:
                return json.ValueKind == JsonValueKind.Null ? null : throw Mismatch(schema, json);
            case AvroType.Boolean:
                return json.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw Mismatch(schema, json),
                };
            case AvroType.Int:
                return json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out var i) ? i : throw Mismatch(schema, json);
            case AvroType.Long:
                return json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var l) ? l : throw Mismatch(schema, json);
            case AvroType.Float:
                return (float)ReadDouble(json, schema);
            case AvroType.Double:
                return ReadDouble(json, schema);
            case AvroType.Bytes:
                return ReadByteString(json, schema, expectedLength: -1);
            case AvroType.Fixed:
                var fixedSchema = (FixedSchema)schema;
                return new GenericFixed(fixedSchema, ReadByteString(json, schema, fixedSchema.Size));
            case AvroType.String:
                return json.ValueKind == JsonValueKind.String ? json.GetString() : throw Mismatch(schema, json);
            case AvroType.Enum:
            {
                var enumSchema = (EnumSchema)schema;
                var symbol = json.ValueKind == JsonValueKind.String ? json.GetString()! : throw Mismatch(schema, json);
                return enumSchema.IndexOf(symbol) >= 0
                    ? new GenericEnumSymbol(enumSchema, symbol)
                    : throw new AvroDecodeException($"'{symbol}' is not a symbol of enum '{enumSchema.FullName}'. Use one of: {string.Join(", ", enumSchema.Symbols)}.");
            }

            case AvroType.Array:
            {
                if (json.ValueKind != JsonValueKind.Array)
                {
                    throw Mismatch(schema, json);
                }

                var items = new List<object?>(json.GetArrayLength());
                foreach (var item in json.EnumerateArray())
                {
                    items.Add(WithPath($"[{items.Count}]", () => ReadValue(item, ((ArraySchema)schema).Items, wrappedUnions)));
                }

                return items;
            }

            case AvroType.Map:
            {
                if (json.ValueKind != JsonValueKind.Object)
                {
                    throw Mismatch(schema, json);
                }

                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in json.EnumerateObject())
                {
                    map[property.Name] = WithPath($"[\"{property.Name}\"]", () => ReadValue(property.Value, ((MapSchema)schema).Values, wrappedUnions));
                }

                return map;
            }

            case AvroType.Record:
                return ReadRecord(json, (RecordSchema)schema, wrappedUnions);
            case AvroType.Union:
                return wrappedUnions ? ReadWrappedUnion(json, (UnionSchema)schema) : ReadDefaultUnion(json, (UnionSchema)schema);
            default:
                throw new InvalidOperationException($"Unknown schema type {schema.Type}.");
        }
    }

    private static GenericRecord ReadRecord(JsonElement json, RecordSchema schema, bool wrappedUnions)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Mismatch(schema, json);
        }

        var record = new GenericRecord(schema);
        foreach (var property in json.EnumerateObject())
        {
            if (schema.GetField(property.Name) is null)
            {
                // Refusing unknown names keeps a typo from silently dropping data.
                throw new AvroDecodeException(
                    $"Record '{schema.FullName}' has no field '{property.Name}'. Fields: {string.Join(", ", schema.Fields.Select(f => f.Name))}.");
            }
        }

        foreach (var field in schema.Fields)
        {
            if (json.TryGetProperty(field.Name, out var value))
            {
                record.Values[field.Position] = WithPath(field.Name, () => ReadValue(value, field.Schema, wrappedUnions));
            }
            else if (field.HasDefault)
            {
                record.Values[field.Position] = GenericData.DeepCopy(field.DefaultValue);
            }
            else
            {
                throw new AvroDecodeException($"Field '{field.Name}' of record '{schema.FullName}' is missing and has no default. Add it to the JSON.");
            }
        }

        return record;
    }

    private static object? ReadWrappedUnion(JsonElement json, UnionSchema union)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return union.NullIndex >= 0
                ? null
                : throw new AvroDecodeException($"null is not allowed: the union [{BranchList(union)}] has no null branch.");
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
            throw new AvroDecodeException(
                $"A non-null union value must be an object with exactly one property naming the branch, e.g. {{\"string\": \"x\"}}; got {Abbreviate(json)}. Branches: {BranchList(union)}.");
        }

        foreach (var branch in union.Branches)
        {
            if (branch.BranchName == wrapped.Name || (branch is NamedSchema named && named.Name == wrapped.Name))
            {
                return WithPath($"<{wrapped.Name}>", () => ReadValue(wrapped.Value, branch, wrappedUnions: true));
            }
        }

        throw new AvroDecodeException($"'{wrapped.Name}' is not a branch of the union [{BranchList(union)}].");
    }

    private static object? ReadDefaultUnion(JsonElement json, UnionSchema union)
    {
        foreach (var branch in union.Branches)
        {
            try
            {
                return ReadValue(json, branch, wrappedUnions: false);
            }
            catch (AvroDecodeException)
            {
                // Try the next branch: the spec matches a default against the first branch it fits.
            }
        }

        throw new AvroDecodeException($"Default {Abbreviate(json)} matches no branch of the union [{BranchList(union)}].");
    }

    private static double ReadDouble(JsonElement json, AvroSchema schema)
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

    private static byte[] ReadByteString(JsonElement json, AvroSchema schema, int expectedLength)
    {
        var text = json.ValueKind == JsonValueKind.String ? json.GetString()! : throw Mismatch(schema, json);
        if (expectedLength >= 0 && text.Length != expectedLength)
        {
            throw new AvroDecodeException($"Fixed '{schema.BranchName}' needs {expectedLength} bytes but the string has {text.Length} characters.");
        }

        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = text[i] <= 0xFF
                ? (byte)text[i]
                : throw new AvroDecodeException($"Character U+{(int)text[i]:X4} at position {i} is not a byte; bytes in Avro JSON use code points 0–255 only.");
        }

        return bytes;
    }

    private static T WithPath<T>(string segment, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (AvroException ex)
        {
            ex.PrependPath(segment);
            throw;
        }
    }

    private static string BranchList(UnionSchema union) => string.Join(", ", union.Branches.Select(b => b.BranchName));

    private static AvroDecodeException Mismatch(AvroSchema schema, JsonElement json) =>
        new($"JSON {Abbreviate(json)} is not a valid Avro '{schema.BranchName}'.");

    private static string Abbreviate(JsonElement json)
    {
        var text = json.GetRawText();
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}
