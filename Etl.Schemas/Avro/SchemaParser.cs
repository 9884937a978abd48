using System.Globalization;
using System.Text.Json;

namespace Etl.Schemas.Avro;

/// <summary>Parses schema JSON into the schema model, following the spec's rules for names, namespaces and references.</summary>
internal sealed class SchemaParser
{
    // Attributes the spec defines per kind of schema; anything else is kept as an extra property.
    private static readonly HashSet<string> RecordKeys = ["type", "name", "namespace", "doc", "aliases", "fields"];
    private static readonly HashSet<string> EnumKeys = ["type", "name", "namespace", "doc", "aliases", "symbols", "default"];
    private static readonly HashSet<string> FixedKeys = ["type", "name", "namespace", "doc", "aliases", "size", "logicalType", "precision", "scale"];
    private static readonly HashSet<string> ArrayKeys = ["type", "items"];
    private static readonly HashSet<string> MapKeys = ["type", "values"];
    private static readonly HashSet<string> PrimitiveKeys = ["type", "logicalType", "precision", "scale"];
    private static readonly HashSet<string> FieldKeys = ["name", "type", "doc", "default", "order", "aliases"];

    private readonly Dictionary<string, NamedSchema> names = new(StringComparer.Ordinal);
    private readonly List<(RecordSchema Record, AvroField Field)> fieldsWithDefaults = [];

    private SchemaParser()
    {
    }

    public static AvroSchema Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new AvroSchemaException(
                $"Schema is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1} of that line): {ex.Message} Fix the JSON syntax of the schema.",
                byteOffset: null,
                ex);
        }

        using (document)
        {
            var parser = new SchemaParser();
            var schema = parser.ParseSchema(document.RootElement, enclosingNamespace: null);
            parser.ConvertDefaults();
            return schema;
        }
    }

    private AvroSchema ParseSchema(JsonElement element, string? enclosingNamespace)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return ResolveTypeName(element.GetString()!, enclosingNamespace);
            case JsonValueKind.Array:
                return ParseUnion(element, enclosingNamespace);
            case JsonValueKind.Object:
                return ParseObject(element, enclosingNamespace);
            default:
                throw new AvroSchemaException($"A schema must be a type name string, a JSON object or a union array, not {element.ValueKind}: {Abbreviate(element)}.");
        }
    }

    private AvroSchema ResolveTypeName(string name, string? enclosingNamespace)
    {
        if (PrimitiveSchema.TryParseName(name, out var primitive))
        {
            return PrimitiveSchema.Of(primitive);
        }

        var fullName = name.Contains('.', StringComparison.Ordinal) || string.IsNullOrEmpty(enclosingNamespace) ? name : enclosingNamespace + "." + name;
        if (names.TryGetValue(fullName, out var named) || names.TryGetValue(name, out named))
        {
            return named;
        }

        throw new AvroSchemaException(
            $"Unknown type '{name}' (looked for '{fullName}'). Use a primitive type name or the name of a record, enum or fixed defined earlier in the schema.");
    }

    private UnionSchema ParseUnion(JsonElement element, string? enclosingNamespace)
    {
        var branches = new List<AvroSchema>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in element.EnumerateArray())
        {
            var branch = ParseSchema(item, enclosingNamespace);
            if (branch.Type == AvroType.Union)
            {
                throw new AvroSchemaException($"A union may not directly contain another union: {Abbreviate(element)}. Flatten the inner union's branches into the outer one.");
            }

            if (!seen.Add(branch.BranchName))
            {
                throw new AvroSchemaException($"Union {Abbreviate(element)} has two branches of type '{branch.BranchName}'. A union may hold each unnamed type and each named type only once.");
            }

            branches.Add(branch);
        }

        return new UnionSchema(branches);
    }

    private AvroSchema ParseObject(JsonElement element, string? enclosingNamespace)
    {
        if (!element.TryGetProperty("type", out var typeElement))
        {
            throw new AvroSchemaException($"Schema object {Abbreviate(element)} has no 'type' attribute. Add one, e.g. \"type\": \"record\".");
        }

        if (typeElement.ValueKind != JsonValueKind.String)
        {
            // {"type": {...}} and {"type": [...]} are accepted by the reference implementations as a wrapped schema.
            return ParseSchema(typeElement, enclosingNamespace);
        }

        var type = typeElement.GetString()!;
        switch (type)
        {
            case "record":
            case "error":
                return ParseRecord(element, enclosingNamespace, type == "error");
            case "enum":
                return ParseEnum(element, enclosingNamespace);
            case "fixed":
                return ParseFixed(element, enclosingNamespace);
            case "array":
            {
                var items = RequireProperty(element, "items", "array");
                var array = new ArraySchema(ParseSchema(items, enclosingNamespace)) { Properties = ExtraProperties(element, ArrayKeys) };
                return array;
            }

            case "map":
            {
                var values = RequireProperty(element, "values", "map");
                var map = new MapSchema(ParseSchema(values, enclosingNamespace)) { Properties = ExtraProperties(element, MapKeys) };
                return map;
            }

            default:
                if (PrimitiveSchema.TryParseName(type, out var primitiveType))
                {
                    return ParsePrimitive(element, primitiveType);
                }

                // {"type": "SomeNamedType"} refers to a type defined earlier.
                return ResolveTypeName(type, enclosingNamespace);
        }
    }

    private static PrimitiveSchema ParsePrimitive(JsonElement element, AvroType type)
    {
        var properties = ExtraProperties(element, PrimitiveKeys);
        var logical = ParseLogicalType(element, type, fixedSize: 0);
        if (logical is null && properties.Count == 0 && !element.TryGetProperty("logicalType", out _))
        {
            return PrimitiveSchema.Of(type);
        }

        var schema = new PrimitiveSchema(type) { LogicalType = logical };
        schema.Properties = logical is null ? KeepInvalidLogicalType(element, properties) : properties;
        return schema;
    }

    private RecordSchema ParseRecord(JsonElement element, string? enclosingNamespace, bool isError)
    {
        var (fullName, space) = ParseName(element, enclosingNamespace, "record");
        var record = new RecordSchema(fullName, OptionalString(element, "doc", fullName), ParseAliases(element, space, fullName), isError)
        {
            Properties = ExtraProperties(element, RecordKeys),
        };
        Register(record);

        var fieldsElement = RequireProperty(element, "fields", $"record '{fullName}'");
        if (fieldsElement.ValueKind != JsonValueKind.Array)
        {
            throw new AvroSchemaException($"Record '{fullName}' has 'fields' of kind {fieldsElement.ValueKind}; it must be a JSON array of field objects.");
        }

        var fields = new List<AvroField>();
        var fieldNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fieldElement in fieldsElement.EnumerateArray())
        {
            if (fieldElement.ValueKind != JsonValueKind.Object)
            {
                throw new AvroSchemaException($"Record '{fullName}' has a field that is not a JSON object: {Abbreviate(fieldElement)}.");
            }

            if (!fieldElement.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
            {
                throw new AvroSchemaException($"A field of record '{fullName}' has no string 'name': {Abbreviate(fieldElement)}. Give every field a name.");
            }

            var fieldName = nameElement.GetString()!;
            ValidateName(fieldName, $"field name in record '{fullName}'");
            if (!fieldNames.Add(fieldName))
            {
                throw new AvroSchemaException($"Record '{fullName}' defines field '{fieldName}' twice. Field names must be unique within a record.");
            }

            if (!fieldElement.TryGetProperty("type", out var fieldType))
            {
                throw new AvroSchemaException($"Field '{fieldName}' of record '{fullName}' has no 'type'. Add the field's type.");
            }

            var order = FieldOrder.Ascending;
            if (fieldElement.TryGetProperty("order", out var orderElement))
            {
                order = orderElement.ValueKind == JsonValueKind.String ? orderElement.GetString() switch
                {
                    "ascending" => FieldOrder.Ascending,
                    "descending" => FieldOrder.Descending,
                    "ignore" => FieldOrder.Ignore,
                    _ => throw new AvroSchemaException($"Field '{fieldName}' of record '{fullName}' has order '{orderElement.GetString()}'; use ascending, descending or ignore."),
                }
                : throw new AvroSchemaException($"Field '{fieldName}' of record '{fullName}' has a non-string 'order'; use ascending, descending or ignore.");
            }

            var aliases = new List<string>();
            if (fieldElement.TryGetProperty("aliases", out var aliasElement))
            {
                aliases.AddRange(StringArray(aliasElement, $"aliases of field '{fieldName}' in record '{fullName}'"));
            }

            JsonElement? defaultJson = fieldElement.TryGetProperty("default", out var defaultElement) ? defaultElement.Clone() : null;
            var field = new AvroField(fieldName, fields.Count, OptionalString(fieldElement, "doc", fieldName), defaultJson, order, aliases, ExtraProperties(fieldElement, FieldKeys))
            {
                Schema = ParseSchema(fieldType, space),
            };
            fields.Add(field);
            if (defaultJson is not null)
            {
                fieldsWithDefaults.Add((record, field));
            }
        }

        record.SetFields(fields);
        return record;
    }

    private EnumSchema ParseEnum(JsonElement element, string? enclosingNamespace)
    {
        var (fullName, space) = ParseName(element, enclosingNamespace, "enum");
        var symbolsElement = RequireProperty(element, "symbols", $"enum '{fullName}'");
        var symbols = StringArray(symbolsElement, $"symbols of enum '{fullName}'");
        var unique = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            ValidateName(symbol, $"symbol of enum '{fullName}'");
            if (!unique.Add(symbol))
            {
                throw new AvroSchemaException($"Enum '{fullName}' lists symbol '{symbol}' twice. Symbols must be unique.");
            }
        }

        string? defaultSymbol = null;
        if (element.TryGetProperty("default", out var defaultElement))
        {
            defaultSymbol = defaultElement.ValueKind == JsonValueKind.String ? defaultElement.GetString() : null;
            if (defaultSymbol is null || !unique.Contains(defaultSymbol))
            {
                throw new AvroSchemaException($"Enum '{fullName}' has default {Abbreviate(defaultElement)}, which is not one of its symbols. Use one of: {string.Join(", ", symbols)}.");
            }
        }

        var schema = new EnumSchema(fullName, OptionalString(element, "doc", fullName), ParseAliases(element, space, fullName), symbols, defaultSymbol)
        {
            Properties = ExtraProperties(element, EnumKeys),
        };
        Register(schema);
        return schema;
    }

    private FixedSchema ParseFixed(JsonElement element, string? enclosingNamespace)
    {
        var (fullName, space) = ParseName(element, enclosingNamespace, "fixed");
        var sizeElement = RequireProperty(element, "size", $"fixed '{fullName}'");
        if (sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt32(out var size) || size < 0)
        {
            throw new AvroSchemaException($"Fixed '{fullName}' has size {Abbreviate(sizeElement)}; it must be a non-negative integer number of bytes.");
        }

        var properties = ExtraProperties(element, FixedKeys);
        var schema = new FixedSchema(fullName, OptionalString(element, "doc", fullName), ParseAliases(element, space, fullName), size);
        schema.LogicalType = ParseLogicalType(element, AvroType.Fixed, size);
        schema.Properties = schema.LogicalType is null ? KeepInvalidLogicalType(element, properties) : properties;
        Register(schema);
        return schema;
    }

    private static AvroLogicalType? ParseLogicalType(JsonElement element, AvroType type, int fixedSize)
    {
        if (!element.TryGetProperty("logicalType", out var logicalElement) || logicalElement.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        // The spec asks readers to ignore a logical type that is unknown or invalid for its underlying type and use the underlying type.
        var name = logicalElement.GetString()!;
        return name switch
        {
            AvroLogicalType.TimestampMillis or AvroLogicalType.TimestampMicros or AvroLogicalType.LocalTimestampMillis
                or AvroLogicalType.LocalTimestampMicros or AvroLogicalType.TimeMicros when type == AvroType.Long => new AvroLogicalType(name),
            AvroLogicalType.Date or AvroLogicalType.TimeMillis when type == AvroType.Int => new AvroLogicalType(name),
            AvroLogicalType.Uuid when type == AvroType.String || (type == AvroType.Fixed && fixedSize == 16) => new AvroLogicalType(name),
            AvroLogicalType.Duration when type == AvroType.Fixed && fixedSize == 12 => new AvroLogicalType(name),
            AvroLogicalType.Decimal when type is AvroType.Bytes or AvroType.Fixed => ParseDecimal(element, type, fixedSize),
            _ => null,
        };
    }

    private static AvroLogicalType? ParseDecimal(JsonElement element, AvroType type, int fixedSize)
    {
        if (!element.TryGetProperty("precision", out var precisionElement) || !precisionElement.TryGetInt32(out var precision) || precision <= 0)
        {
            return null;
        }

        var scale = 0;
        if (element.TryGetProperty("scale", out var scaleElement) && (!scaleElement.TryGetInt32(out scale) || scale < 0 || scale > precision))
        {
            return null;
        }

        if (type == AvroType.Fixed)
        {
            // Largest number of base-10 digits a two's-complement value of fixedSize bytes can always hold.
            var maxPrecision = fixedSize == 0 ? 0 : (int)Math.Floor(Math.Log10(2) * ((8 * fixedSize) - 1));
            if (precision > maxPrecision)
            {
                return null;
            }
        }

        return new AvroLogicalType(AvroLogicalType.Decimal, precision, scale);
    }

    private static Dictionary<string, JsonElement> KeepInvalidLogicalType(JsonElement element, Dictionary<string, JsonElement> properties)
    {
        foreach (var key in new[] { "logicalType", "precision", "scale" })
        {
            if (element.TryGetProperty(key, out var value))
            {
                properties[key] = value.Clone();
            }
        }

        return properties;
    }

    private static (string FullName, string? Namespace) ParseName(JsonElement element, string? enclosingNamespace, string kind)
    {
        if (!element.TryGetProperty("name", out var nameElement))
        {
            throw new AvroSchemaException($"A {kind} schema has no 'name': {Abbreviate(element)}. Named types (record, enum, fixed) need a name.");
        }

        if (nameElement.ValueKind != JsonValueKind.String)
        {
            throw new AvroSchemaException($"A {kind} schema has a non-string name {Abbreviate(nameElement)}. Use a name like \"Tweet\" or \"etl.tweets.Tweet\".");
        }

        var name = nameElement.GetString()!;
        string? space;
        string fullName;
        if (name.Contains('.', StringComparison.Ordinal))
        {
            fullName = name;
            space = name[..name.LastIndexOf('.')];
        }
        else
        {
            space = enclosingNamespace;
            if (element.TryGetProperty("namespace", out var nsElement))
            {
                if (nsElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    throw new AvroSchemaException($"The {kind} '{name}' has a non-string namespace {Abbreviate(nsElement)}.");
                }

                space = nsElement.GetString();
            }

            space = string.IsNullOrEmpty(space) ? null : space;
            fullName = space is null ? name : space + "." + name;
        }

        foreach (var part in fullName.Split('.'))
        {
            ValidateName(part, $"{kind} name '{fullName}'");
        }

        return (fullName, space);
    }

    private static List<string> ParseAliases(JsonElement element, string? space, string owner)
    {
        if (!element.TryGetProperty("aliases", out var aliasesElement))
        {
            return [];
        }

        return StringArray(aliasesElement, $"aliases of '{owner}'")
            .Select(a => a.Contains('.', StringComparison.Ordinal) || space is null ? a : space + "." + a)
            .ToList();
    }

    private void Register(NamedSchema schema)
    {
        if (PrimitiveSchema.TryParseName(schema.Name, out _) && schema.Namespace is null)
        {
            throw new AvroSchemaException($"'{schema.Name}' is a primitive type name and cannot name a {AvroSchema.TypeName(schema.Type)}. Choose another name.");
        }

        if (!names.TryAdd(schema.FullName, schema))
        {
            throw new AvroSchemaException($"The type '{schema.FullName}' is defined twice. Define it once and refer to it by name afterwards.");
        }
    }

    private void ConvertDefaults()
    {
        foreach (var (record, field) in fieldsWithDefaults)
        {
            try
            {
                field.DefaultValue = Json.AvroJsonReader.ReadDefault(field.DefaultJson!.Value, field.Schema);
            }
            catch (AvroDecodeException ex)
            {
                throw new AvroSchemaException(
                    $"The default of field '{field.Name}' in record '{record.FullName}' does not match the field's type: {ex.Message}. For a union the default must match its first matching branch (put \"null\" first for a null default).",
                    byteOffset: null,
                    ex);
            }
        }
    }

    internal static void ValidateName(string name, string what)
    {
        var valid = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_');
        for (var i = 1; valid && i < name.Length; i++)
        {
            valid = char.IsAsciiLetterOrDigit(name[i]) || name[i] == '_';
        }

        if (!valid)
        {
            throw new AvroSchemaException($"'{name}' is not a valid {what}. Names start with a letter or '_' and contain only letters, digits and '_'.");
        }
    }

    private static JsonElement RequireProperty(JsonElement element, string property, string owner) =>
        element.TryGetProperty(property, out var value)
            ? value
            : throw new AvroSchemaException($"The {owner} schema has no '{property}' attribute: {Abbreviate(element)}. Add it.");

    private static List<string> StringArray(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new AvroSchemaException($"The {what} must be a JSON array of strings, not {Abbreviate(element)}.");
        }

        var result = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            result.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new AvroSchemaException($"The {what} must contain only strings; found {Abbreviate(item)}."));
        }

        return result;
    }

    private static string? OptionalString(JsonElement element, string property, string owner)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new AvroSchemaException($"The '{property}' of '{owner}' must be a string, not {Abbreviate(value)}.");
    }

    private static Dictionary<string, JsonElement> ExtraProperties(JsonElement element, HashSet<string> known)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                result[property.Name] = property.Value.Clone();
            }
        }

        return result;
    }

    private static string Abbreviate(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= 80 ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..77]}...");
    }
}
