using Avro;
using Avro.Specific;

namespace etl.tweets;

/// <summary>A record the worker could not process (schema <c>etl.tweets.DeadLetter</c>), with its raw bytes.</summary>
public sealed record DeadLetter : ISpecificRecord
{
    /// <summary>The schema this class reads and writes; Confluent's serdes look up this field by name.</summary>
#pragma warning disable CA1707, CA2211 // The name and shape are the ISpecificRecord convention the serdes reflect on.
    public static readonly Schema _SCHEMA = TweetSchemas.DeadLetter;
#pragma warning restore CA1707, CA2211

    private string sourceTopic = "";
    private int sourcePartition;
    private long sourceOffset;
    private DateTimeOffset? sourceTimestamp;
    private byte[]? key;
    private byte[]? value;
    private DeadLetterStage stage = DeadLetterStage.unknown;
    private string errorType = "";
    private string errorMessage = "";
    private int? esStatus;
    private string? esReason;
    private int attempts = 1;
    private DateTimeOffset failedAt;

    public required string SourceTopic { get => sourceTopic; init => sourceTopic = value; }

    public required int SourcePartition { get => sourcePartition; init => sourcePartition = value; }

    public required long SourceOffset { get => sourceOffset; init => sourceOffset = value; }

    public DateTimeOffset? SourceTimestamp { get => sourceTimestamp; init => sourceTimestamp = value; }

#pragma warning disable CA1819 // Raw Kafka bytes, as received; a copy would cost for nothing.
    public byte[]? Key { get => key; init => key = value; }

    public byte[]? Value { get => this.value; init => this.value = value; }
#pragma warning restore CA1819

    public required DeadLetterStage Stage { get => stage; init => stage = value; }

    public required string ErrorType { get => errorType; init => errorType = value; }

    public required string ErrorMessage { get => errorMessage; init => errorMessage = value; }

    public int? EsStatus { get => esStatus; init => esStatus = value; }

    public string? EsReason { get => esReason; init => esReason = value; }

    public int Attempts { get => attempts; init => attempts = value; }

    public required DateTimeOffset FailedAt { get => failedAt; init => failedAt = value; }

    Schema ISpecificRecord.Schema => _SCHEMA;

    object? ISpecificRecord.Get(int fieldPos) => fieldPos switch
    {
        0 => sourceTopic,
        1 => sourcePartition,
        2 => sourceOffset,
        3 => AvroValues.FromNullableTime(sourceTimestamp),
        4 => key,
        5 => value,
        6 => stage,
        7 => errorType,
        8 => errorMessage,
        9 => esStatus,
        10 => esReason,
        11 => attempts,
        12 => AvroValues.FromTime(failedAt),
        _ => throw AvroValues.BadIndex(nameof(DeadLetter), fieldPos),
    };

    void ISpecificRecord.Put(int fieldPos, object? fieldValue)
    {
        switch (fieldPos)
        {
            case 0: sourceTopic = (string)fieldValue!; break;
            case 1: sourcePartition = (int)fieldValue!; break;
            case 2: sourceOffset = (long)fieldValue!; break;
            case 3: sourceTimestamp = AvroValues.ToNullableTime(fieldValue); break;
            case 4: key = (byte[]?)fieldValue; break;
            case 5: value = (byte[]?)fieldValue; break;
            case 6: stage = (DeadLetterStage)fieldValue!; break; // A boxed int (the ordinal) unboxes as the enum.
            case 7: errorType = (string)fieldValue!; break;
            case 8: errorMessage = (string)fieldValue!; break;
            case 9: esStatus = (int?)fieldValue; break;
            case 10: esReason = (string?)fieldValue; break;
            case 11: attempts = (int)fieldValue!; break;
            case 12: failedAt = AvroValues.ToTime(fieldValue!); break;
            default: throw AvroValues.BadIndex(nameof(DeadLetter), fieldPos);
        }
    }
}
