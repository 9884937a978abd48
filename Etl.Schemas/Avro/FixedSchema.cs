namespace Etl.Schemas.Avro;

/// <summary>A fixed number of bytes.</summary>
public sealed class FixedSchema : NamedSchema
{
    internal FixedSchema(string fullName, string? doc, IReadOnlyList<string> aliases, int size)
        : base(AvroType.Fixed, fullName, doc, aliases)
    {
        Size = size;
    }

    public int Size { get; }
}
