namespace Etl.Schemas.Avro;

/// <summary>A record: an ordered list of named fields.</summary>
public sealed class RecordSchema : NamedSchema
{
    private Dictionary<string, AvroField> byName = [];

    internal RecordSchema(string fullName, string? doc, IReadOnlyList<string> aliases, bool isError)
        : base(AvroType.Record, fullName, doc, aliases)
    {
        IsError = isError;
    }

    /// <summary>True for the protocol-only <c>error</c> type, which encodes exactly like a record.</summary>
    public bool IsError { get; }

    public IReadOnlyList<AvroField> Fields { get; private set; } = [];

    /// <summary>The field called <paramref name="name"/>, or null.</summary>
    public AvroField? GetField(string name) => byName.GetValueOrDefault(name);

    internal void SetFields(List<AvroField> fields)
    {
        Fields = fields;
        byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }
}
