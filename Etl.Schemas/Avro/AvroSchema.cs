using System.Text.Json;

namespace Etl.Schemas.Avro;

/// <summary>
/// A parsed Avro schema. Instances are immutable once parsing has finished and safe to share between threads.
/// </summary>
public abstract class AvroSchema
{
    private string? canonicalForm;
    private string? fullJson;
    private long? fingerprint;

    private protected AvroSchema(AvroType type)
    {
        Type = type;
    }

    public AvroType Type { get; }

    /// <summary>The logical type annotation, when present and valid for the underlying type (invalid ones are ignored, as the spec asks).</summary>
    public AvroLogicalType? LogicalType { get; internal set; }

    /// <summary>Attributes the spec does not define, kept so that a schema survives a round trip through the registry.</summary>
    public IReadOnlyDictionary<string, JsonElement> Properties { get; internal set; } = new Dictionary<string, JsonElement>();

    /// <summary>The Parsing Canonical Form (spec: "Parsing Canonical Form for Schemas").</summary>
    public string CanonicalForm => canonicalForm ??= SchemaJsonWriter.Write(this, SchemaJsonMode.Canonical);

    /// <summary>The 64-bit Rabin fingerprint (CRC-64-AVRO) of <see cref="CanonicalForm"/>.</summary>
    public long Fingerprint => fingerprint ??= RabinFingerprint.Compute(CanonicalForm);

    /// <summary>Parses a schema from its JSON text.</summary>
    /// <exception cref="AvroSchemaException">The text is not JSON or not a valid Avro schema; the message says which attribute and why.</exception>
    public static AvroSchema Parse(string json) => SchemaParser.Parse(json);

    /// <summary>The full JSON form: names fully qualified, with docs, defaults, aliases, logical types and extra attributes.</summary>
    public string ToJson() => fullJson ??= SchemaJsonWriter.Write(this, SchemaJsonMode.Full);

    public override string ToString() => ToJson();

    /// <summary>
    /// True when data written with <paramref name="other"/> has exactly the layout and meaning of data written with this schema:
    /// the same canonical form and the same logical types (the canonical form alone drops logical types, so
    /// timestamp-millis and timestamp-micros would otherwise look alike).
    /// </summary>
    public bool HasSameEncodingAs(AvroSchema other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(this, other)
            || (Fingerprint == other.Fingerprint
                && SchemaJsonWriter.Write(this, SchemaJsonMode.CanonicalWithLogicalTypes) == SchemaJsonWriter.Write(other, SchemaJsonMode.CanonicalWithLogicalTypes));
    }

    /// <summary>The name a union branch of this schema is known by in the JSON encoding: full name for named types, else the type name.</summary>
    public virtual string BranchName => TypeName(Type);

    internal static string TypeName(AvroType type) => type switch
    {
        AvroType.Null => "null",
        AvroType.Boolean => "boolean",
        AvroType.Int => "int",
        AvroType.Long => "long",
        AvroType.Float => "float",
        AvroType.Double => "double",
        AvroType.Bytes => "bytes",
        AvroType.String => "string",
        AvroType.Record => "record",
        AvroType.Enum => "enum",
        AvroType.Array => "array",
        AvroType.Map => "map",
        AvroType.Union => "union",
        AvroType.Fixed => "fixed",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Avro type."),
    };
}
