namespace Etl.Schemas.Avro;

/// <summary>
/// A logical type annotation (<c>timestamp-millis</c>, <c>decimal</c>, ...). The binary encoding is always that of the
/// underlying type; the annotation only tells readers how to interpret it.
/// </summary>
/// <param name="Name">The <c>logicalType</c> attribute.</param>
/// <param name="Precision">Decimal precision; 0 for other logical types.</param>
/// <param name="Scale">Decimal scale; 0 for other logical types.</param>
public sealed record AvroLogicalType(string Name, int Precision = 0, int Scale = 0)
{
    public const string TimestampMillis = "timestamp-millis";
    public const string TimestampMicros = "timestamp-micros";
    public const string LocalTimestampMillis = "local-timestamp-millis";
    public const string LocalTimestampMicros = "local-timestamp-micros";
    public const string Date = "date";
    public const string TimeMillis = "time-millis";
    public const string TimeMicros = "time-micros";
    public const string Uuid = "uuid";
#pragma warning disable CA1720 // The spec calls this logical type "decimal".
    public const string Decimal = "decimal";
#pragma warning restore CA1720
    public const string Duration = "duration";
}
