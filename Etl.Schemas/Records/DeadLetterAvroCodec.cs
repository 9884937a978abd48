using Etl.Schemas.Avro;

using etl.tweets;

namespace Etl.Schemas.Records;

/// <summary>Hand-written binary codec for <see cref="DeadLetter"/> against DeadLetter.avsc.</summary>
public sealed class DeadLetterAvroCodec : IAvroRecordCodec<DeadLetter>
{
    public static DeadLetterAvroCodec Instance { get; } = new();

    private static readonly int StageCount = Enum.GetValues<DeadLetterStage>().Length;

    public RecordSchema Schema => AvroRecordSchemas.DeadLetter;

    public void Encode(AvroBinaryWriter writer, DeadLetter value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteString(value.SourceTopic);
        writer.WriteInt(value.SourcePartition);
        writer.WriteLong(value.SourceOffset);
        AvroFields.WriteNullableLong(writer, value.SourceTimestamp?.ToUnixTimeMilliseconds());
        AvroFields.WriteNullableBytes(writer, value.Key);
        AvroFields.WriteNullableBytes(writer, value.Value);
        writer.WriteInt((int)value.Stage);
        writer.WriteString(value.ErrorType);
        writer.WriteString(value.ErrorMessage);
        AvroFields.WriteNullableLong(writer, value.EsStatus);
        AvroFields.WriteNullableString(writer, value.EsReason);
        writer.WriteInt(value.Attempts);
        writer.WriteLong(value.FailedAt.ToUnixTimeMilliseconds());
    }

    public DeadLetter Decode(ref AvroBinaryReader reader) => new()
    {
        SourceTopic = reader.ReadString(),
        SourcePartition = reader.ReadInt(),
        SourceOffset = reader.ReadLong(),
        SourceTimestamp = AvroFields.ReadNullableTimestampMillis(ref reader),
        Key = AvroFields.ReadNullableBytes(ref reader),
        Value = AvroFields.ReadNullableBytes(ref reader),
        Stage = (DeadLetterStage)reader.ReadEnumIndex(StageCount),
        ErrorType = reader.ReadString(),
        ErrorMessage = reader.ReadString(),
        EsStatus = AvroFields.ReadNullableInt(ref reader),
        EsReason = AvroFields.ReadNullableString(ref reader),
        Attempts = reader.ReadInt(),
        FailedAt = AvroFields.ReadTimestampMillis(ref reader),
    };

    public DeadLetter FromGeneric(GenericRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new DeadLetter
        {
            SourceTopic = (string)record["source_topic"]!,
            SourcePartition = (int)record["source_partition"]!,
            SourceOffset = (long)record["source_offset"]!,
            SourceTimestamp = AvroFields.ToNullableTimestamp(record["source_timestamp"]),
            Key = (byte[]?)record["key"],
            Value = (byte[]?)record["value"],
            Stage = Enum.Parse<DeadLetterStage>(((GenericEnumSymbol)record["stage"]!).Symbol, ignoreCase: true),
            ErrorType = (string)record["error_type"]!,
            ErrorMessage = (string)record["error_message"]!,
            EsStatus = (int?)record["es_status"],
            EsReason = (string?)record["es_reason"],
            Attempts = (int)record["attempts"]!,
            FailedAt = AvroFields.ToTimestamp((long)record["failed_at"]!),
        };
    }
}
