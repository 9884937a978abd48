namespace Etl.Schemas.Avro;

/// <summary>A fixed value for generic code: the schema plus exactly <see cref="FixedSchema.Size"/> bytes.</summary>
public sealed class GenericFixed
{
    public GenericFixed(FixedSchema schema, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length != schema.Size)
        {
            throw new AvroEncodeException($"Fixed '{schema.FullName}' holds {schema.Size} bytes but {bytes.Length} were given.");
        }

        Schema = schema;
        Bytes = bytes;
    }

    public FixedSchema Schema { get; }

    public byte[] Bytes { get; }
}
