namespace Etl.Schemas.Avro;

/// <summary>An enum value for generic code: the schema plus the symbol.</summary>
public sealed record GenericEnumSymbol(EnumSchema Schema, string Symbol)
{
    public override string ToString() => Symbol;
}
