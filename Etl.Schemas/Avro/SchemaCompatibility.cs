using Etl.Schemas.Avro.Resolution;

namespace Etl.Schemas.Avro;

/// <summary>Checks whether a reader schema can read everything a writer schema can produce (the spec's resolution rules, applied strictly).</summary>
public static class SchemaCompatibility
{
    /// <summary>
    /// True when <paramref name="reader"/> can read any datum written with <paramref name="writer"/>: every writer
    /// union branch and enum symbol must be readable, every reader field missing from the writer must have a default.
    /// </summary>
    public static SchemaCompatibilityResult CanRead(AvroSchema writer, AvroSchema reader)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            ReadPlanBuilder.Build(writer, reader, strict: true);
            return SchemaCompatibilityResult.Compatible;
        }
        catch (AvroResolutionException ex)
        {
            return new SchemaCompatibilityResult(false, ex.Message);
        }
    }

    /// <summary>BACKWARD compatibility as Schema Registry defines it: the new schema reads data written with the previous one.</summary>
    public static SchemaCompatibilityResult IsBackwardCompatible(AvroSchema previous, AvroSchema next) => CanRead(previous, next);
}
