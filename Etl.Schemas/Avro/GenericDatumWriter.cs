using System.Collections;

namespace Etl.Schemas.Avro;

/// <summary>Encodes generic values (see <see cref="GenericRecord"/>) to Avro binary under a schema. Thread-safe.</summary>
public sealed class GenericDatumWriter
{
    public GenericDatumWriter(AvroSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
    }

    public AvroSchema Schema { get; }

    /// <exception cref="AvroEncodeException">The value does not fit the schema; the message names the field path.</exception>
    public void Write(AvroBinaryWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Write(writer, Schema, value);
    }

    public byte[] Encode(object? value)
    {
        var writer = new AvroBinaryWriter();
        Write(writer, value);
        return writer.ToArray();
    }

    private static void Write(AvroBinaryWriter writer, AvroSchema schema, object? value)
    {
        switch (schema.Type)
        {
            case AvroType.Null:
                if (value is not null)
                {
                    throw Mismatch(schema, value);
                }

                return;
            case AvroType.Boolean:
                writer.WriteBoolean(value is bool flag ? flag : throw Mismatch(schema, value));
                return;
            case AvroType.Int:
                writer.WriteInt(value is int number ? number : throw Mismatch(schema, value));
                return;
            case AvroType.Long:
                writer.WriteLong(value switch { long l => l, int i => i, _ => throw Mismatch(schema, value) });
                return;
            case AvroType.Float:
                writer.WriteFloat(value switch { float f => f, int i => i, long l => l, _ => throw Mismatch(schema, value) });
                return;
            case AvroType.Double:
                writer.WriteDouble(value switch { double d => d, float f => f, int i => i, long l => l, _ => throw Mismatch(schema, value) });
                return;
            case AvroType.Bytes:
                writer.WriteBytes(value is byte[] data ? data : throw Mismatch(schema, value));
                return;
            case AvroType.String:
                writer.WriteString(value is string text ? text : throw Mismatch(schema, value));
                return;
            case AvroType.Enum:
            {
                var enumSchema = (EnumSchema)schema;
                var symbol = value switch { GenericEnumSymbol e => e.Symbol, string s => s, _ => throw Mismatch(schema, value) };
                var index = enumSchema.IndexOf(symbol);
                writer.WriteInt(index >= 0
                    ? index
                    : throw new AvroEncodeException($"'{symbol}' is not a symbol of enum '{enumSchema.FullName}'. Use one of: {string.Join(", ", enumSchema.Symbols)}."));
                return;
            }

            case AvroType.Fixed:
            {
                var fixedSchema = (FixedSchema)schema;
                var bytes = value switch { GenericFixed f => f.Bytes, byte[] b => b, _ => throw Mismatch(schema, value) };
                if (bytes.Length != fixedSchema.Size)
                {
                    throw new AvroEncodeException($"Fixed '{fixedSchema.FullName}' needs exactly {fixedSchema.Size} bytes, got {bytes.Length}.");
                }

                writer.WriteRaw(bytes);
                return;
            }

            case AvroType.Array:
                WriteArray(writer, (ArraySchema)schema, value);
                return;
            case AvroType.Map:
                WriteMap(writer, (MapSchema)schema, value);
                return;
            case AvroType.Union:
            {
                var union = (UnionSchema)schema;
                var index = SelectBranch(union, value);
                writer.WriteInt(index);
                Write(writer, union.Branches[index], value);
                return;
            }

            case AvroType.Record:
                WriteRecord(writer, (RecordSchema)schema, value);
                return;
            default:
                throw new InvalidOperationException($"Unknown schema type {schema.Type}.");
        }
    }

    private static void WriteRecord(AvroBinaryWriter writer, RecordSchema schema, object? value)
    {
        if (value is not GenericRecord record)
        {
            throw Mismatch(schema, value);
        }

        var sameSchema = ReferenceEquals(record.Schema, schema);
        foreach (var field in schema.Fields)
        {
            try
            {
                object? fieldValue;
                if (sameSchema)
                {
                    fieldValue = record.Values[field.Position];
                }
                else if (!record.TryGetValue(field.Name, out fieldValue))
                {
                    fieldValue = field.HasDefault
                        ? field.DefaultValue
                        : throw new AvroEncodeException($"The record has no value for field '{field.Name}', which has no default.");
                }

                Write(writer, field.Schema, fieldValue);
            }
            catch (AvroException ex)
            {
                ex.PrependPath(field.Name);
                throw;
            }
        }
    }

    private static void WriteArray(AvroBinaryWriter writer, ArraySchema schema, object? value)
    {
        if (value is not IEnumerable items || value is string or byte[] || value is IDictionary)
        {
            throw Mismatch(schema, value);
        }

        var list = items as ICollection ?? items.Cast<object?>().ToList();
        if (list.Count > 0)
        {
            writer.WriteLong(list.Count);
            var index = 0;
            foreach (var item in list)
            {
                try
                {
                    Write(writer, schema.Items, item);
                }
                catch (AvroException ex)
                {
                    ex.PrependPath($"[{index}]");
                    throw;
                }

                index++;
            }
        }

        writer.WriteLong(0);
    }

    private static void WriteMap(AvroBinaryWriter writer, MapSchema schema, object? value)
    {
        var entries = value switch
        {
            IDictionary<string, object?> d => d.ToList(),
            IReadOnlyDictionary<string, object?> d => d.ToList(),
            _ => throw Mismatch(schema, value),
        };
        if (entries.Count > 0)
        {
            writer.WriteLong(entries.Count);
            foreach (var (key, item) in entries)
            {
                writer.WriteString(key);
                try
                {
                    Write(writer, schema.Values, item);
                }
                catch (AvroException ex)
                {
                    ex.PrependPath($"[\"{key}\"]");
                    throw;
                }
            }
        }

        writer.WriteLong(0);
    }

    /// <summary>The union branch a generic value belongs to: an exact type match first, then a promotion.</summary>
    internal static int SelectBranch(UnionSchema union, object? value)
    {
        for (var i = 0; i < union.Branches.Count; i++)
        {
            if (IsExactMatch(union.Branches[i], value))
            {
                return i;
            }
        }

        for (var i = 0; i < union.Branches.Count; i++)
        {
            var type = union.Branches[i].Type;
            var promotable = value switch
            {
                int => type is AvroType.Long or AvroType.Float or AvroType.Double,
                long => type is AvroType.Float or AvroType.Double,
                float => type is AvroType.Double,
                string => type is AvroType.Enum && ((EnumSchema)union.Branches[i]).IndexOf((string)value) >= 0,
                byte[] bytes => type is AvroType.Fixed && ((FixedSchema)union.Branches[i]).Size == bytes.Length,
                _ => false,
            };
            if (promotable)
            {
                return i;
            }
        }

        throw new AvroEncodeException(
            $"A value of type {value?.GetType().Name ?? "null"} matches no branch of the union [{string.Join(", ", union.Branches.Select(b => b.BranchName))}].");
    }

    private static bool IsExactMatch(AvroSchema branch, object? value) => value switch
    {
        null => branch.Type == AvroType.Null,
        bool => branch.Type == AvroType.Boolean,
        int => branch.Type == AvroType.Int,
        long => branch.Type == AvroType.Long,
        float => branch.Type == AvroType.Float,
        double => branch.Type == AvroType.Double,
        string => branch.Type == AvroType.String,
        byte[] => branch.Type == AvroType.Bytes,
        GenericRecord r => branch is RecordSchema s && s.FullName == r.Schema.FullName,
        GenericEnumSymbol e => branch is EnumSchema s && s.FullName == e.Schema.FullName,
        GenericFixed f => branch is FixedSchema s && s.FullName == f.Schema.FullName,
        IDictionary or IReadOnlyDictionary<string, object?> => branch.Type == AvroType.Map,
        IEnumerable => branch.Type == AvroType.Array,
        _ => false,
    };

    private static AvroEncodeException Mismatch(AvroSchema schema, object? value) =>
        new($"A value of type {value?.GetType().Name ?? "null"} cannot be written as Avro '{schema.BranchName}'.");
}
