using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Avro;

namespace Etl.Worker.DevStack;

/// <summary>
/// Whether a reader schema can read everything a writer schema can produce: the spec's "Schema Resolution" rules over
/// Apache Avro's schema objects, applied strictly (every writer union branch and enum symbol must be readable, every
/// reader field the writer lacks needs a default). Ours because Apache Avro for .NET has no compatibility checker;
/// the dev-stack registry uses it for BACKWARD. Stricter than the spec (and Confluent's Java checker) in two places
/// where Apache Avro 1.12.2's C# resolving reader, which the worker reads with, fails: string↔bytes promotion ("Schema
/// mismatch") and field aliases (a renamed field misreads the record). Named types still match through aliases, which
/// that reader resolves. So whatever passes here the worker can read.
/// </summary>
public static class SchemaCompatibility
{
    /// <summary>True when <paramref name="reader"/> can read any datum written with <paramref name="writer"/>.</summary>
    public static SchemaCompatibilityResult CanRead(Schema writer, Schema reader)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reader);
        var reason = new Checker().Check(writer, reader, path: "");
        return reason is null ? SchemaCompatibilityResult.Compatible : new SchemaCompatibilityResult(false, reason);
    }

    /// <summary>BACKWARD compatibility as Schema Registry defines it: the new schema reads data written with the previous one.</summary>
    public static SchemaCompatibilityResult IsBackwardCompatible(Schema previous, Schema next) => CanRead(previous, next);

    private sealed class Checker
    {
        // Record pairs being checked or already found compatible: a recursive type is assumed to hold where it recurs.
        // Compared by reference: Apache Avro's schema equality is structural and walks the whole (maybe recursive) type.
        private readonly HashSet<(RecordSchema Writer, RecordSchema Reader)> records = new(EqualityComparer<(RecordSchema Writer, RecordSchema Reader)>.Create(
            (a, b) => ReferenceEquals(a.Writer, b.Writer) && ReferenceEquals(a.Reader, b.Reader),
            p => HashCode.Combine(RuntimeHelpers.GetHashCode(p.Writer), RuntimeHelpers.GetHashCode(p.Reader))));

        public string? Check(Schema writer, Schema reader, string path)
        {
            (writer, reader) = (Underlying(writer), Underlying(reader));
            if (writer is UnionSchema union)
            {
                foreach (var branch in union.Schemas)
                {
                    if (CheckNonUnionWriter(Underlying(branch), reader, path) is { } reason)
                    {
                        return reason;
                    }
                }

                return null;
            }

            return CheckNonUnionWriter(writer, reader, path);
        }

        private string? CheckNonUnionWriter(Schema writer, Schema reader, string path)
        {
            if (reader is not UnionSchema readerUnion)
            {
                return CheckDirect(writer, reader, path);
            }

            // The spec: the first reader branch that matches the writer; exact matches win over promotions.
            var branches = readerUnion.Schemas.Select(Underlying).ToList();
            var branch = branches.FirstOrDefault(b => IsSameType(writer, b)) ?? branches.FirstOrDefault(b => IsPromotable(writer.Tag, b.Tag));
            return branch is not null
                ? CheckDirect(writer, branch, path)
                : At(path, $"Writer type '{BranchName(writer)}' matches no branch of the reader's union [{string.Join(", ", branches.Select(BranchName))}]. Add a matching branch to the reader's union.");
        }

        private string? CheckDirect(Schema writer, Schema reader, string path)
        {
            var readable = writer.Tag == reader.Tag
                || IsPromotable(writer.Tag, reader.Tag)
                || (writer.Tag == Schema.Type.Error && reader.Tag == Schema.Type.Record)
                || (writer.Tag == Schema.Type.Record && reader.Tag == Schema.Type.Error);
            if (IsStringBytes(writer.Tag, reader.Tag))
            {
                return At(path, $"Writer type '{BranchName(writer)}' cannot be read as '{BranchName(reader)}' by Apache Avro for .NET, which the worker reads with: the spec allows string↔bytes, Apache Avro 1.12.2's C# reader refuses it. Keep the type, or add a new field with a default.");
            }

            if (!readable)
            {
                return At(path, $"Writer type '{BranchName(writer)}' cannot be read as '{BranchName(reader)}'. Only the spec's promotions (int→long/float/double, long→float/double, float→double) are allowed.");
            }

            switch (writer)
            {
                case FixedSchema w:
                {
                    var r = (FixedSchema)reader;
                    return NameMismatch(w, r, path)
                        ?? (w.Size != r.Size ? At(path, $"Fixed '{w.Fullname}' has {w.Size} bytes in the writer's schema and {r.Size} in the reader's. Sizes must match.") : null);
                }

                case EnumSchema w:
                {
                    var r = (EnumSchema)reader;
                    if (NameMismatch(w, r, path) is { } reason)
                    {
                        return reason;
                    }

                    var unknown = w.Symbols.FirstOrDefault(s => !r.Contains(s));
                    return unknown is not null && r.Default is null
                        ? At(path, $"Enum '{r.Fullname}': the writer's symbol '{unknown}' is unknown to the reader, which has no default symbol. Add the symbol or an enum default to the reader.")
                        : null;
                }

                case ArraySchema w:
                    return Check(w.ItemSchema, ((ArraySchema)reader).ItemSchema, Join(path, "[]"));
                case MapSchema w:
                    return Check(w.ValueSchema, ((MapSchema)reader).ValueSchema, Join(path, "{}"));
                case RecordSchema w:
                    return CheckRecord(w, (RecordSchema)reader, path);
                default:
                    return null;
            }
        }

        private string? CheckRecord(RecordSchema writer, RecordSchema reader, string path)
        {
            if (NameMismatch(writer, reader, path) is { } nameReason)
            {
                return nameReason;
            }

            if (!records.Add((writer, reader)))
            {
                return null;
            }

            foreach (var readerField in reader.Fields)
            {
                var writerField = writer.Fields.FirstOrDefault(f => f.Name == readerField.Name);
                if (writerField is null && writer.Fields.FirstOrDefault(f => readerField.Aliases?.Contains(f.Name) == true) is { } aliased)
                {
                    records.Remove((writer, reader));
                    return At(path, $"Reader field '{readerField.Name}' of record '{reader.Fullname}' takes the writer's field '{aliased.Name}' through an alias, which Apache Avro for .NET (the worker's reader) does not resolve: it would misread the record. Keep the name '{aliased.Name}'.");
                }

                if (writerField is null)
                {
                    if (readerField.DefaultValue is null)
                    {
                        records.Remove((writer, reader));
                        return At(path, $"Reader field '{readerField.Name}' of record '{reader.Fullname}' is missing from the writer's schema and has no default. Give the reader's field a default.");
                    }

                    continue;
                }

                if (Check(writerField.Schema, readerField.Schema, Join(path, readerField.Name)) is { } reason)
                {
                    // A failed pair must not be taken as compatible where another branch meets it again.
                    records.Remove((writer, reader));
                    return reason;
                }
            }

            return null;
        }

        private static string? NameMismatch(NamedSchema writer, NamedSchema reader, string path) =>
            Accepts(reader, writer)
                ? null
                : At(path, $"Writer's {TypeName(writer)} '{writer.Fullname}' does not match the reader's '{reader.Fullname}'. Use the same name or add '{writer.Fullname}' to the reader's aliases.");

        private static bool Accepts(NamedSchema reader, NamedSchema writer) =>
            reader.Fullname == writer.Fullname || Aliases(reader).Contains(writer.Fullname);

        // Apache Avro keeps a named type's aliases internal, so they are read back from its JSON form; a name without a
        // dot is in the type's namespace.
        private static IEnumerable<string> Aliases(NamedSchema schema) =>
            JsonNode.Parse(schema.ToString())?["aliases"] is JsonArray aliases
                ? aliases.Select(a => a?.GetValue<string>() ?? "").Select(a => a.Contains('.', StringComparison.Ordinal) || string.IsNullOrEmpty(schema.Namespace) ? a : schema.Namespace + "." + a)
                : [];

        private static bool IsSameType(Schema writer, Schema reader) =>
            writer.Tag == reader.Tag && (writer is not NamedSchema w || Accepts((NamedSchema)reader, w));

        private static bool IsPromotable(Schema.Type writer, Schema.Type reader) => (writer, reader) switch
        {
            (Schema.Type.Int, Schema.Type.Long or Schema.Type.Float or Schema.Type.Double) => true,
            (Schema.Type.Long, Schema.Type.Float or Schema.Type.Double) => true,
            (Schema.Type.Float, Schema.Type.Double) => true,
            _ => false,
        };

        private static bool IsStringBytes(Schema.Type writer, Schema.Type reader) =>
            (writer, reader) is (Schema.Type.String, Schema.Type.Bytes) or (Schema.Type.Bytes, Schema.Type.String);

        // Logical types do not change what can be read: the binary encoding is the underlying type's.
        private static Schema Underlying(Schema schema) => schema is LogicalSchema logical ? logical.BaseSchema : schema;

        private static string BranchName(Schema schema) => schema is NamedSchema named ? named.Fullname : TypeName(schema);

        private static string TypeName(Schema schema) => schema.Tag switch
        {
            Schema.Type.Null => "null",
            Schema.Type.Boolean => "boolean",
            Schema.Type.Int => "int",
            Schema.Type.Long => "long",
            Schema.Type.Float => "float",
            Schema.Type.Double => "double",
            Schema.Type.Bytes => "bytes",
            Schema.Type.String => "string",
            Schema.Type.Record => "record",
            Schema.Type.Error => "error",
            Schema.Type.Enumeration => "enum",
            Schema.Type.Fixed => "fixed",
            Schema.Type.Array => "array",
            Schema.Type.Map => "map",
            _ => "union",
        };

        private static string Join(string path, string segment) => path.Length == 0 || segment.StartsWith('[') ? path + segment : path + "." + segment;

        private static string At(string path, string reason) => path.Length == 0 ? reason : $"{reason} [field {path}]";
    }
}
