using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Confluent.SchemaRegistry;

namespace Etl.Kafka.Registry;

/// <summary>
/// What a failure to decode a Confluent-framed Avro value means: the registry could not answer (the record is fine
/// and waits) or the record itself is bad (dead-letter it, with a reason that names the problem). One pure function
/// decides, for the worker and the dead-letter re-drive alike.
/// </summary>
public sealed record AvroDecodeFailure(bool IsRegistryOutage, string Reason)
{
    /// <summary>Magic byte plus the 4-byte big-endian schema id.</summary>
    public const int HeaderSize = 5;

    /// <summary>The reason a value is not Confluent-framed at all, or null when its frame looks right.</summary>
    public static string? FramingProblem(ReadOnlySpan<byte> value) =>
        value.Length < HeaderSize
            ? string.Create(CultureInfo.InvariantCulture, $"not Confluent Avro: the value is {value.Length} byte(s), shorter than the {HeaderSize}-byte header (magic byte 0, 4-byte schema id)")
            : value[0] != 0
                ? string.Create(CultureInfo.InvariantCulture, $"not Confluent Avro: bad magic byte 0x{value[0]:x2} (expected 0x00)")
                : null;

    /// <summary>The schema id in the frame of <paramref name="value"/>, or null when it has no frame.</summary>
    public static int? SchemaId(ReadOnlySpan<byte> value) =>
        value.Length >= HeaderSize && value[0] == 0 ? BinaryPrimitives.ReadInt32BigEndian(value[1..]) : null;

    /// <summary>Classifies what decoding <paramref name="value"/> threw.</summary>
    public static AvroDecodeFailure Classify(Exception error, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (FramingProblem(value) is { } framing)
        {
            return new AvroDecodeFailure(false, framing);
        }

        var id = SchemaId(value)!.Value.ToString(CultureInfo.InvariantCulture);
        return Unwrap(error) switch
        {
            AvroDecodeException e => new(false, e.Message),
            SchemaRegistryException { Status: HttpStatusCode.NotFound } e =>
                new(false, $"unknown schema id {id}: the registry has no schema with this id ({e.Message})"),
            SchemaRegistryException e when IsOutage(e.Status) =>
                new(true, $"Schema Registry answered {(int)e.Status} for schema id {id}: {e.Message}"),
            SchemaRegistryException e =>
                new(false, $"Schema Registry refused schema id {id} with {(int)e.Status}: {e.Message}"),
            HttpRequestException e => new(true, $"Schema Registry unreachable fetching schema id {id}: {e.Message}"),
            TimeoutException or TaskCanceledException => new(true, $"Schema Registry timed out fetching schema id {id}: {error.Message}"),
            var e => new(false, $"truncated or invalid Avro body (writer schema id {id}, {value.Length} bytes): {e.Message}"),
        };
    }

    private static bool IsOutage(HttpStatusCode status) =>
        status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static Exception Unwrap(Exception error) => error switch
    {
        AggregateException { InnerExceptions.Count: 1 } e => Unwrap(e.InnerExceptions[0]),
        _ => error,
    };
}
