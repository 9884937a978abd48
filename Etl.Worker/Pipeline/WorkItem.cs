using Confluent.Kafka;
using Etl.Worker.Indexing;
using Etl.Schemas.Records;

namespace Etl.Worker.Pipeline;

/// <summary>One consumed record on its way through the stages.</summary>
internal sealed class WorkItem
{
    public required TopicPartition TopicPartition { get; init; }

    public required long Offset { get; init; }

    public byte[]? Key { get; init; }

    public byte[]? Value { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public required DateTimeOffset IngestedAt { get; init; }

    public RecordOutcome Outcome { get; set; }

    public IndexAction? Action { get; set; }

    public int Attempts { get; set; }

    /// <summary>Rough size in a bulk body: the Avro value grows about twice as JSON, plus the embedding's text.</summary>
    public long EstimatedBytes => ((Value?.Length ?? 0) * 2) + 4_096;

    public FailedRecord ToFailed(DeadLetterStage stage, string errorType, string message, DateTimeOffset now, int? status = null, string? reason = null) => new()
    {
        Topic = TopicPartition.Topic,
        Partition = TopicPartition.Partition.Value,
        Offset = Offset,
        Timestamp = Timestamp,
        Key = Key,
        Value = Value,
        Stage = stage,
        ErrorType = errorType,
        ErrorMessage = message,
        ElasticsearchStatus = status,
        ElasticsearchReason = reason,
        Attempts = Math.Max(1, Attempts),
        FailedAt = now,
    };
}
