namespace Etl.Schemas.Avro;

/// <summary>Which JSON form of a schema to write.</summary>
internal enum SchemaJsonMode
{
    /// <summary>Everything: docs, aliases, defaults, order, logical types, extra attributes.</summary>
    Full,

    /// <summary>The spec's Parsing Canonical Form.</summary>
    Canonical,

    /// <summary>Parsing Canonical Form plus logical type attributes, to tell apart schemas that encode alike but mean different things.</summary>
    CanonicalWithLogicalTypes,
}
