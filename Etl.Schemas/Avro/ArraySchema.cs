namespace Etl.Schemas.Avro;

/// <summary>An array of items of one schema.</summary>
public sealed class ArraySchema : AvroSchema
{
    public ArraySchema(AvroSchema items)
        : base(AvroType.Array)
    {
        Items = items;
    }

    public AvroSchema Items { get; }
}
