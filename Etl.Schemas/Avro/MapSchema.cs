namespace Etl.Schemas.Avro;

/// <summary>A map from string keys to values of one schema.</summary>
public sealed class MapSchema : AvroSchema
{
    public MapSchema(AvroSchema values)
        : base(AvroType.Map)
    {
        Values = values;
    }

    public AvroSchema Values { get; }
}
