using System.Text.Json;

namespace Etl.Schemas.Avro;

/// <summary>A field of a record schema.</summary>
public sealed class AvroField
{
    internal AvroField(string name, int position, string? doc, JsonElement? defaultJson, FieldOrder order, IReadOnlyList<string> aliases, IReadOnlyDictionary<string, JsonElement> properties)
    {
        Name = name;
        Position = position;
        Doc = doc;
        DefaultJson = defaultJson;
        Order = order;
        Aliases = aliases;
        Properties = properties;
    }

    public string Name { get; }

    /// <summary>Index of the field in its record, which is also its place in the binary encoding.</summary>
    public int Position { get; }

    /// <summary>The field's schema. Set once while parsing (records can refer to themselves).</summary>
    public AvroSchema Schema { get; internal set; } = PrimitiveSchema.Of(AvroType.Null);

    public string? Doc { get; }

    /// <summary>The default as written in the schema (JSON), or null when the field has none.</summary>
    public JsonElement? DefaultJson { get; }

    /// <summary>The default converted to a generic value; valid only when <see cref="DefaultJson"/> is set.</summary>
    public object? DefaultValue { get; internal set; }

    public bool HasDefault => DefaultJson is not null;

    public FieldOrder Order { get; }

    public IReadOnlyList<string> Aliases { get; }

    public IReadOnlyDictionary<string, JsonElement> Properties { get; }
}
