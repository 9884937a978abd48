namespace Etl.Schemas.Avro.Resolution;

/// <summary>Builds <see cref="ReadPlan"/>s following the spec's "Schema Resolution" rules.</summary>
internal sealed class ReadPlanBuilder
{
    private readonly Dictionary<(AvroSchema Writer, AvroSchema Reader), ReadPlan> records = [];
    private readonly bool strict;

    private ReadPlanBuilder(bool strict)
    {
        this.strict = strict;
    }

    /// <summary>Resolves <paramref name="writer"/> against <paramref name="reader"/>.</summary>
    /// <param name="writer">The schema the data was written with.</param>
    /// <param name="reader">The schema the data is read as.</param>
    /// <param name="strict">
    /// When false, a writer union branch or enum symbol the reader cannot take fails only when such a value actually
    /// arrives (as the spec prescribes). When true, any such gap fails now; used for compatibility checks.
    /// </param>
    /// <exception cref="AvroResolutionException">The schemas cannot be resolved; the message names the field path.</exception>
    public static ReadPlan Build(AvroSchema writer, AvroSchema reader, bool strict) => new ReadPlanBuilder(strict).Resolve(writer, reader);

    private ReadPlan Resolve(AvroSchema writer, AvroSchema reader)
    {
        if (writer is not UnionSchema union)
        {
            return ResolveNonUnionWriter(writer, reader);
        }

        var plan = new ReadPlan(ReadAction.WriterUnion, writer, reader)
        {
            Branches = new ReadPlan?[union.Branches.Count],
            BranchErrors = new string?[union.Branches.Count],
        };
        for (var i = 0; i < union.Branches.Count; i++)
        {
            try
            {
                plan.Branches[i] = ResolveNonUnionWriter(union.Branches[i], reader);
            }
            catch (AvroResolutionException ex) when (!strict)
            {
                plan.BranchErrors[i] = ex.Message;
            }
        }

        return plan;
    }

    private ReadPlan ResolveNonUnionWriter(AvroSchema writer, AvroSchema reader)
    {
        if (reader is not UnionSchema readerUnion)
        {
            return ResolveDirect(writer, reader);
        }

        // The spec: the first reader branch that matches the writer. Exact matches win over promotions,
        // so an int is read as the reader's int branch even when a long branch comes first.
        foreach (var branch in readerUnion.Branches)
        {
            if (IsSameType(writer, branch))
            {
                return ResolveDirect(writer, branch);
            }
        }

        foreach (var branch in readerUnion.Branches)
        {
            if (IsPromotable(writer.Type, branch.Type))
            {
                return ResolveDirect(writer, branch);
            }
        }

        throw new AvroResolutionException(
            $"Writer type '{writer.BranchName}' matches no branch of the reader's union [{string.Join(", ", readerUnion.Branches.Select(b => b.BranchName))}]. Add a matching branch to the reader's union.");
    }

    private ReadPlan ResolveDirect(AvroSchema writer, AvroSchema reader)
    {
        var action = (writer.Type, reader.Type) switch
        {
            (AvroType.Null, AvroType.Null) => ReadAction.Null,
            (AvroType.Boolean, AvroType.Boolean) => ReadAction.Boolean,
            (AvroType.Int, AvroType.Int) => ReadAction.Int,
            (AvroType.Int, AvroType.Long) => ReadAction.IntToLong,
            (AvroType.Int, AvroType.Float) => ReadAction.IntToFloat,
            (AvroType.Int, AvroType.Double) => ReadAction.IntToDouble,
            (AvroType.Long, AvroType.Long) => ReadAction.Long,
            (AvroType.Long, AvroType.Float) => ReadAction.LongToFloat,
            (AvroType.Long, AvroType.Double) => ReadAction.LongToDouble,
            (AvroType.Float, AvroType.Float) => ReadAction.Float,
            (AvroType.Float, AvroType.Double) => ReadAction.FloatToDouble,
            (AvroType.Double, AvroType.Double) => ReadAction.Double,
            (AvroType.Bytes or AvroType.String, AvroType.Bytes) => ReadAction.Bytes,
            (AvroType.Bytes or AvroType.String, AvroType.String) => ReadAction.String,
            (AvroType.Fixed, AvroType.Fixed) => ReadAction.Fixed,
            (AvroType.Enum, AvroType.Enum) => ReadAction.Enum,
            (AvroType.Array, AvroType.Array) => ReadAction.Array,
            (AvroType.Map, AvroType.Map) => ReadAction.Map,
            (AvroType.Record, AvroType.Record) => ReadAction.Record,
            (_, AvroType.Union) => throw new InvalidOperationException("Reader unions are resolved before this point."),
            _ => throw new AvroResolutionException(
                $"Writer type '{writer.BranchName}' cannot be read as '{reader.BranchName}'. Only the spec's promotions (int→long/float/double, long→float/double, float→double, string↔bytes) are allowed."),
        };

        switch (action)
        {
            case ReadAction.Fixed:
            {
                var (w, r) = ((FixedSchema)writer, (FixedSchema)reader);
                RequireSameName(w, r);
                if (w.Size != r.Size)
                {
                    throw new AvroResolutionException($"Fixed '{w.FullName}' has {w.Size} bytes in the writer's schema and {r.Size} in the reader's. Sizes must match.");
                }

                return new ReadPlan(action, writer, reader);
            }

            case ReadAction.Enum:
                return ResolveEnum((EnumSchema)writer, (EnumSchema)reader);
            case ReadAction.Array:
            {
                var items = ((ArraySchema)writer).Items;
                return new ReadPlan(action, writer, reader)
                {
                    Element = ResolveNested(items, ((ArraySchema)reader).Items, "[]"),
                    ElementMinBytes = MinEncodedSize(items),
                };
            }

            case ReadAction.Map:
            {
                var values = ((MapSchema)writer).Values;
                return new ReadPlan(action, writer, reader)
                {
                    Element = ResolveNested(values, ((MapSchema)reader).Values, "{}"),

                    // A map entry is at least a key length byte plus the value.
                    ElementMinBytes = 1 + MinEncodedSize(values),
                };
            }

            case ReadAction.Record:
                return ResolveRecord((RecordSchema)writer, (RecordSchema)reader);
            default:
                return new ReadPlan(action, writer, reader);
        }
    }

    private ReadPlan ResolveNested(AvroSchema writer, AvroSchema reader, string pathSegment)
    {
        try
        {
            return Resolve(writer, reader);
        }
        catch (AvroResolutionException ex)
        {
            ex.PrependPath(pathSegment);
            throw;
        }
    }

    private ReadPlan ResolveEnum(EnumSchema writer, EnumSchema reader)
    {
        RequireSameName(writer, reader);
        var map = new int[writer.Symbols.Count];
        var readerDefault = reader.Default is null ? -1 : reader.IndexOf(reader.Default);
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = reader.IndexOf(writer.Symbols[i]);
            if (map[i] >= 0)
            {
                continue;
            }

            map[i] = readerDefault;
            if (map[i] < 0 && strict)
            {
                throw new AvroResolutionException(
                    $"Enum '{reader.FullName}': the writer's symbol '{writer.Symbols[i]}' is unknown to the reader, which has no default symbol. Add the symbol or an enum default to the reader.");
            }
        }

        return new ReadPlan(ReadAction.Enum, writer, reader) { EnumMap = map };
    }

    private ReadPlan ResolveRecord(RecordSchema writer, RecordSchema reader)
    {
        if (records.TryGetValue((writer, reader), out var existing))
        {
            return existing;
        }

        RequireSameName(writer, reader);
        var plan = new ReadPlan(ReadAction.Record, writer, reader);
        records[(writer, reader)] = plan;
        try
        {
            var matched = new bool[reader.Fields.Count];
            var fields = new FieldPlan[writer.Fields.Count];
            for (var i = 0; i < fields.Length; i++)
            {
                var writerField = writer.Fields[i];
                var readerField = reader.GetField(writerField.Name) ?? reader.Fields.FirstOrDefault(f => f.Aliases.Contains(writerField.Name));
                if (readerField is null)
                {
                    fields[i] = new FieldPlan(writerField.Name, -1, null, writerField.Schema);
                    continue;
                }

                matched[readerField.Position] = true;
                fields[i] = new FieldPlan(writerField.Name, readerField.Position, ResolveNested(writerField.Schema, readerField.Schema, writerField.Name), writerField.Schema);
            }

            var defaults = new List<(int, object?)>();
            foreach (var readerField in reader.Fields)
            {
                if (matched[readerField.Position])
                {
                    continue;
                }

                if (!readerField.HasDefault)
                {
                    throw new AvroResolutionException(
                        $"Reader field '{readerField.Name}' of record '{reader.FullName}' is missing from the writer's schema and has no default. Give the reader's field a default.");
                }

                defaults.Add((readerField.Position, readerField.DefaultValue));
            }

            plan.Fields = fields;
            plan.Defaults = [.. defaults];
            return plan;
        }
        catch
        {
            // A failed plan must not be found again by a sibling union branch.
            records.Remove((writer, reader));
            throw;
        }
    }

    private static void RequireSameName(NamedSchema writer, NamedSchema reader)
    {
        if (!reader.Accepts(writer.FullName))
        {
            throw new AvroResolutionException(
                $"Writer's {AvroSchema.TypeName(writer.Type)} '{writer.FullName}' does not match the reader's '{reader.FullName}'. Use the same name or add '{writer.FullName}' to the reader's aliases.");
        }
    }

    private static bool IsSameType(AvroSchema writer, AvroSchema reader) =>
        writer.Type == reader.Type && (writer is not NamedSchema w || ((NamedSchema)reader).Accepts(w.FullName));

    private static bool IsPromotable(AvroType writer, AvroType reader) => (writer, reader) switch
    {
        (AvroType.Int, AvroType.Long or AvroType.Float or AvroType.Double) => true,
        (AvroType.Long, AvroType.Float or AvroType.Double) => true,
        (AvroType.Float, AvroType.Double) => true,
        (AvroType.String, AvroType.Bytes) or (AvroType.Bytes, AvroType.String) => true,
        _ => false,
    };

    /// <summary>The fewest bytes a value of <paramref name="schema"/> can encode to.</summary>
    internal static int MinEncodedSize(AvroSchema schema) => MinEncodedSize(schema, []);

    private static int MinEncodedSize(AvroSchema schema, HashSet<AvroSchema> visiting)
    {
        switch (schema)
        {
            case { Type: AvroType.Null }:
                return 0;
            case { Type: AvroType.Float }:
                return 4;
            case { Type: AvroType.Double }:
                return 8;
            case FixedSchema fixedSchema:
                return fixedSchema.Size;
            case RecordSchema record:
                if (!visiting.Add(record))
                {
                    return 0;
                }

                var sum = 0L;
                foreach (var field in record.Fields)
                {
                    sum += MinEncodedSize(field.Schema, visiting);
                }

                visiting.Remove(record);
                return (int)Math.Min(sum, int.MaxValue);
            default:
                // boolean, int, long, bytes, string, enum, array, map, union: at least one byte.
                return 1;
        }
    }
}
