using System.Runtime.CompilerServices;
using Etl.Schemas.Avro;

namespace Etl.Schemas.Records;

/// <summary>Shared building blocks of the hand-written record codecs: nullable unions (<c>["null", T]</c>), timestamps, arrays.</summary>
internal static class AvroFields
{
    private const long MinUnixMillis = -62_135_596_800_000L;
    private const long MaxUnixMillis = 253_402_300_799_999L;

    public delegate T ItemReader<out T>(ref AvroBinaryReader reader);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ReadIsPresent(ref AvroBinaryReader reader) => reader.ReadUnionIndex(2) == 1;

    public static string? ReadNullableString(ref AvroBinaryReader reader) => ReadIsPresent(ref reader) ? reader.ReadString() : null;

    public static long? ReadNullableLong(ref AvroBinaryReader reader) => ReadIsPresent(ref reader) ? reader.ReadLong() : null;

    public static int? ReadNullableInt(ref AvroBinaryReader reader) => ReadIsPresent(ref reader) ? reader.ReadInt() : null;

    public static byte[]? ReadNullableBytes(ref AvroBinaryReader reader) => ReadIsPresent(ref reader) ? reader.ReadBytes() : null;

    public static DateTimeOffset ReadTimestampMillis(ref AvroBinaryReader reader)
    {
        var start = reader.Offset;
        return ToTimestamp(reader.ReadLong(), start);
    }

    public static DateTimeOffset? ReadNullableTimestampMillis(ref AvroBinaryReader reader) =>
        ReadIsPresent(ref reader) ? ReadTimestampMillis(ref reader) : null;

    public static DateTimeOffset ToTimestamp(long millis, long offset = 0) =>
        millis is >= MinUnixMillis and <= MaxUnixMillis
            ? DateTimeOffset.FromUnixTimeMilliseconds(millis)
            : throw new AvroInvalidDataException($"timestamp-millis value {millis} is outside years 0001–9999.", offset);

    public static DateTimeOffset? ToNullableTimestamp(object? millis) => millis is long value ? ToTimestamp(value) : null;

    public static IReadOnlyList<T> ReadArray<T>(ref AvroBinaryReader reader, int minItemBytes, ItemReader<T> readItem)
    {
        List<T>? items = null;
        while (true)
        {
            var count = reader.ReadBlockCount(minItemBytes, GenericDatumReader.MaxZeroByteItems, out _);
            if (count == 0)
            {
                return items is null ? [] : items;
            }

            items ??= new List<T>((int)count);
            for (var i = 0L; i < count; i++)
            {
                items.Add(readItem(ref reader));
            }
        }
    }

    public static void WriteNullableString(AvroBinaryWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteLong(0);
            return;
        }

        writer.WriteLong(1);
        writer.WriteString(value);
    }

    public static void WriteNullableLong(AvroBinaryWriter writer, long? value)
    {
        writer.WriteLong(value is null ? 0 : 1);
        if (value is { } v)
        {
            writer.WriteLong(v);
        }
    }

    public static void WriteNullableBytes(AvroBinaryWriter writer, byte[]? value)
    {
        writer.WriteLong(value is null ? 0 : 1);
        if (value is not null)
        {
            writer.WriteBytes(value);
        }
    }

    public static void WriteArray<T>(AvroBinaryWriter writer, IReadOnlyList<T> items, Action<AvroBinaryWriter, T> writeItem)
    {
        if (items.Count > 0)
        {
            writer.WriteLong(items.Count);
            foreach (var item in items)
            {
                writeItem(writer, item);
            }
        }

        writer.WriteLong(0);
    }

    public static IReadOnlyList<T> MapList<T>(object? value, Func<object?, T> map) =>
        value is List<object?> list ? list.Select(map).ToList() : [];

    public static GenericRecord? AsRecord(object? value) => value as GenericRecord;
}
