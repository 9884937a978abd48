namespace Etl.Schemas.Avro;

/// <summary>The Avro type of a schema, primitive or complex.</summary>
#pragma warning disable CA1720 // The members are the spec's own type names; renaming them would make every switch harder to check against the spec.
public enum AvroType
{
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Record,
    Enum,
    Array,
    Map,
    Union,
    Fixed,
}
