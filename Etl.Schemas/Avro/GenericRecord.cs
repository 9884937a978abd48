namespace Etl.Schemas.Avro;

/// <summary>
/// A record value for generic (schema-driven) code. Field values use the generic representation: null, bool, int, long,
/// float, double, byte[], string, <see cref="GenericRecord"/>, <see cref="GenericEnumSymbol"/>, <see cref="GenericFixed"/>,
/// <c>List&lt;object?&gt;</c> for arrays and <c>Dictionary&lt;string, object?&gt;</c> for maps. Logical types keep their
/// underlying representation (a timestamp-millis is a long).
/// </summary>
public sealed class GenericRecord
{
    public GenericRecord(RecordSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        Values = new object?[schema.Fields.Count];
    }

    public RecordSchema Schema { get; }

    /// <summary>Field values by position.</summary>
    internal object?[] Values { get; }

    public object? this[int position]
    {
        get => Values[position];
        set => Values[position] = value;
    }

    public object? this[string fieldName]
    {
        get => Values[PositionOf(fieldName)];
        set => Values[PositionOf(fieldName)] = value;
    }

    /// <summary>The field's value, or false when the record has no such field.</summary>
    public bool TryGetValue(string fieldName, out object? value)
    {
        var field = Schema.GetField(fieldName);
        value = field is null ? null : Values[field.Position];
        return field is not null;
    }

    private int PositionOf(string fieldName) =>
        Schema.GetField(fieldName)?.Position
        ?? throw new KeyNotFoundException($"Record '{Schema.FullName}' has no field '{fieldName}'. Fields: {string.Join(", ", Schema.Fields.Select(f => f.Name))}.");
}
