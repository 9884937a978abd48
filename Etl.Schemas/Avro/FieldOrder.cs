namespace Etl.Schemas.Avro;

/// <summary>The <c>order</c> attribute of a record field (affects sort order only, never the encoding).</summary>
public enum FieldOrder
{
    Ascending,
    Descending,
    Ignore,
}
