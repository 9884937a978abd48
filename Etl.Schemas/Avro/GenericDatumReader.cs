using Etl.Schemas.Avro.Resolution;

namespace Etl.Schemas.Avro;

/// <summary>
/// Decodes Avro binary data written with one schema into generic values shaped by a reader schema, applying the
/// spec's resolution rules (promotions, defaults, skipped fields, enum defaults, union branch matching).
/// Build once per (writer, reader) pair and reuse; instances are thread-safe.
/// </summary>
public sealed class GenericDatumReader
{
    /// <summary>Deepest nesting of records, arrays, maps and unions accepted, so hostile data cannot overflow the stack.</summary>
    public const int MaxDepth = 256;

    /// <summary>Most items accepted in one block whose items can encode to zero bytes (e.g. an array of nulls).</summary>
    public const long MaxZeroByteItems = 1 << 20;

    private readonly ReadPlan plan;

    /// <param name="writerSchema">The schema the data was written with.</param>
    /// <param name="readerSchema">The schema to produce values for; the writer's when null.</param>
    /// <exception cref="AvroResolutionException">The reader cannot read the writer's data; the message names the field.</exception>
    public GenericDatumReader(AvroSchema writerSchema, AvroSchema? readerSchema = null)
    {
        ArgumentNullException.ThrowIfNull(writerSchema);
        WriterSchema = writerSchema;
        ReaderSchema = readerSchema ?? writerSchema;
        plan = ReadPlanBuilder.Build(writerSchema, ReaderSchema, strict: false);
    }

    public AvroSchema WriterSchema { get; }

    public AvroSchema ReaderSchema { get; }

    /// <summary>Decodes one datum that must fill <paramref name="data"/> exactly.</summary>
    public object? Read(ReadOnlySpan<byte> data, long baseOffset = 0)
    {
        var reader = new AvroBinaryReader(data, baseOffset);
        var value = Read(ref reader);
        if (!reader.End)
        {
            throw new AvroInvalidDataException(
                $"{reader.Remaining} bytes remain after the datum; the data was probably written with a different schema.",
                reader.Offset);
        }

        return value;
    }

    /// <summary>Decodes one datum from the reader's current position.</summary>
    public object? Read(ref AvroBinaryReader reader) => Read(ref reader, plan, 0);

    private static object? Read(ref AvroBinaryReader reader, ReadPlan plan, int depth)
    {
        switch (plan.Action)
        {
            case ReadAction.Null: return null;
            case ReadAction.Boolean: return reader.ReadBoolean();
            case ReadAction.Int: return reader.ReadInt();
            case ReadAction.IntToLong: return (long)reader.ReadInt();
            case ReadAction.IntToFloat: return (float)reader.ReadInt();
            case ReadAction.IntToDouble: return (double)reader.ReadInt();
            case ReadAction.Long: return reader.ReadLong();
            case ReadAction.LongToFloat: return (float)reader.ReadLong();
            case ReadAction.LongToDouble: return (double)reader.ReadLong();
            case ReadAction.Float: return reader.ReadFloat();
            case ReadAction.FloatToDouble: return (double)reader.ReadFloat();
            case ReadAction.Double: return reader.ReadDouble();
            case ReadAction.Bytes: return reader.ReadBytes();
            case ReadAction.String: return reader.ReadString();
            case ReadAction.Fixed:
            {
                var schema = (FixedSchema)plan.Reader;
                return new GenericFixed(schema, reader.ReadFixed(schema.Size).ToArray());
            }

            case ReadAction.Enum:
            {
                var start = reader.Offset;
                var writerIndex = reader.ReadEnumIndex(plan.EnumMap.Length);
                var readerIndex = plan.EnumMap[writerIndex];
                if (readerIndex < 0)
                {
                    throw new AvroResolutionException(
                        $"Enum symbol '{((EnumSchema)plan.Writer).Symbols[writerIndex]}' is unknown to the reader's enum '{((EnumSchema)plan.Reader).FullName}', which has no default.",
                        start);
                }

                var readerEnum = (EnumSchema)plan.Reader;
                return new GenericEnumSymbol(readerEnum, readerEnum.Symbols[readerIndex]);
            }

            case ReadAction.Array:
                return ReadArray(ref reader, plan, CheckDepth(ref reader, depth));
            case ReadAction.Map:
                return ReadMap(ref reader, plan, CheckDepth(ref reader, depth));
            case ReadAction.Record:
                return ReadRecord(ref reader, plan, CheckDepth(ref reader, depth));
            case ReadAction.WriterUnion:
            {
                var start = reader.Offset;
                var index = reader.ReadUnionIndex(plan.Branches.Length);
                var branch = plan.Branches[index]
                    ?? throw new AvroResolutionException($"Union branch {index} cannot be read: {plan.BranchErrors[index]}", start);
                return Read(ref reader, branch, CheckDepth(ref reader, depth));
            }

            default:
                throw new InvalidOperationException($"Unknown read action {plan.Action}.");
        }
    }

    private static GenericRecord ReadRecord(ref AvroBinaryReader reader, ReadPlan plan, int depth)
    {
        var record = new GenericRecord((RecordSchema)plan.Reader);
        foreach (var field in plan.Fields)
        {
            try
            {
                if (field.Plan is null)
                {
                    Skip(ref reader, field.WriterSchema, depth);
                }
                else
                {
                    record.Values[field.ReaderPosition] = Read(ref reader, field.Plan, depth);
                }
            }
            catch (AvroException ex)
            {
                ex.PrependPath(field.Name);
                throw;
            }
        }

        foreach (var (position, value) in plan.Defaults)
        {
            record.Values[position] = GenericData.DeepCopy(value);
        }

        return record;
    }

    private static List<object?> ReadArray(ref AvroBinaryReader reader, ReadPlan plan, int depth)
    {
        var items = new List<object?>();
        while (true)
        {
            var count = reader.ReadBlockCount(plan.ElementMinBytes, MaxZeroByteItems, out _);
            if (count == 0)
            {
                return items;
            }

            for (var i = 0L; i < count; i++)
            {
                try
                {
                    items.Add(Read(ref reader, plan.Element!, depth));
                }
                catch (AvroException ex)
                {
                    ex.PrependPath($"[{items.Count}]");
                    throw;
                }
            }
        }
    }

    private static Dictionary<string, object?> ReadMap(ref AvroBinaryReader reader, ReadPlan plan, int depth)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            var count = reader.ReadBlockCount(plan.ElementMinBytes, MaxZeroByteItems, out _);
            if (count == 0)
            {
                return map;
            }

            for (var i = 0L; i < count; i++)
            {
                var key = reader.ReadString();
                try
                {
                    map[key] = Read(ref reader, plan.Element!, depth);
                }
                catch (AvroException ex)
                {
                    ex.PrependPath($"[\"{key}\"]");
                    throw;
                }
            }
        }
    }

    /// <summary>Skips one value of <paramref name="schema"/> (a field the reader does not have).</summary>
    internal static void Skip(ref AvroBinaryReader reader, AvroSchema schema, int depth)
    {
        switch (schema)
        {
            case { Type: AvroType.Null }:
                return;
            case { Type: AvroType.Boolean }:
                reader.ReadBoolean();
                return;
            case { Type: AvroType.Int or AvroType.Long }:
                reader.ReadLong();
                return;
            case { Type: AvroType.Float }:
                reader.Skip(4);
                return;
            case { Type: AvroType.Double }:
                reader.Skip(8);
                return;
            case { Type: AvroType.Bytes or AvroType.String }:
                reader.ReadBytesSpan();
                return;
            case FixedSchema fixedSchema:
                reader.Skip(fixedSchema.Size);
                return;
            case EnumSchema enumSchema:
                reader.ReadEnumIndex(enumSchema.Symbols.Count);
                return;
            case UnionSchema union:
                Skip(ref reader, union.Branches[reader.ReadUnionIndex(union.Branches.Count)], CheckDepth(ref reader, depth));
                return;
            case RecordSchema record:
                depth = CheckDepth(ref reader, depth);
                foreach (var field in record.Fields)
                {
                    Skip(ref reader, field.Schema, depth);
                }

                return;
            case ArraySchema array:
                SkipBlocks(ref reader, array.Items, isMap: false, CheckDepth(ref reader, depth));
                return;
            case MapSchema map:
                SkipBlocks(ref reader, map.Values, isMap: true, CheckDepth(ref reader, depth));
                return;
            default:
                throw new InvalidOperationException($"Unknown schema {schema.Type}.");
        }
    }

    private static void SkipBlocks(ref AvroBinaryReader reader, AvroSchema element, bool isMap, int depth)
    {
        var minBytes = ReadPlanBuilder.MinEncodedSize(element) + (isMap ? 1 : 0);
        while (true)
        {
            var count = reader.ReadBlockCount(minBytes, MaxZeroByteItems, out var blockBytes);
            if (count == 0)
            {
                return;
            }

            if (blockBytes >= 0)
            {
                // Writers that record the block size let readers skip without decoding (the reason the spec has it).
                reader.Skip(blockBytes);
                continue;
            }

            for (var i = 0L; i < count; i++)
            {
                if (isMap)
                {
                    reader.SkipString();
                }

                Skip(ref reader, element, depth);
            }
        }
    }

    private static int CheckDepth(ref AvroBinaryReader reader, int depth)
    {
        if (depth >= MaxDepth)
        {
            throw new AvroInvalidDataException($"Values are nested deeper than {MaxDepth} levels; the data is corrupt or hostile.", reader.Offset);
        }

        return depth + 1;
    }
}
