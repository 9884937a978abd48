using System.Collections;

namespace etl.tweets;

/// <summary>Conversions between the record classes' property types and the objects Apache Avro's specific reader and writer pass.</summary>
internal static class AvroValues
{
    /// <summary>A <c>timestamp-millis</c> value as Avro hands it over (a UTC <see cref="DateTime"/>).</summary>
    public static DateTimeOffset ToTime(object value)
    {
        var time = (DateTime)value;
        return new DateTimeOffset(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime());
    }

    public static DateTimeOffset? ToNullableTime(object? value) => value is null ? null : ToTime(value);

    public static object FromTime(DateTimeOffset value) => value.UtcDateTime;

    public static object? FromNullableTime(DateTimeOffset? value) => value?.UtcDateTime;

    /// <summary>
    /// An array field as a mutable list: the writer needs an <see cref="IList"/>, and the reader passes what Get returned
    /// as the list to clear and refill, which an immutable array would refuse.
    /// </summary>
    public static IList ToList<T>(IReadOnlyList<T> value) => value as List<T> ?? [.. value];

    public static global::Avro.AvroRuntimeException BadIndex(string record, int fieldPos) =>
        new($"{record} has no field at position {fieldPos}; the record class and its .avsc disagree.");
}
