namespace Etl.Stack.Tests.Elasticsearch;

/// <summary>Which Elasticsearch field types can serve each <see cref="FieldUsage"/>.</summary>
public static class FieldTypeRules
{
    private static readonly HashSet<string> Numbers =
        ["long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float", "unsigned_long"];

    private static readonly HashSet<string> Dates = ["date", "date_nanos"];

    private static readonly HashSet<string> WithDocValues =
        [.. Numbers, .. Dates, "keyword", "constant_keyword", "wildcard", "boolean", "ip"];

    private static readonly HashSet<string> Geometries = ["geo_point", "geo_shape"];

    public static bool Suits(string type, FieldUsage usage) => usage switch
    {
        FieldUsage.Time => Dates.Contains(type),
        FieldUsage.Aggregated => WithDocValues.Contains(type),
        FieldUsage.Numeric => Numbers.Contains(type),
        FieldUsage.Geometry => Geometries.Contains(type),
        FieldUsage.Present => type != "object",
        _ => throw new ArgumentOutOfRangeException(nameof(usage), usage, "Unknown field usage."),
    };
}
