using Confluent.Kafka;
using etl.tweets;
using Etl.Worker.Consuming;
using Etl.Worker.Indexing;

namespace Etl.Worker.Pipeline;

/// <summary>
/// One consumed record on its way through the stages. It ends exactly once — indexed, dead-lettered, or superseded
/// by a newer version of the same document in the same batch — and only then is its offset done.
/// </summary>
internal sealed class WorkItem
{
    private int completed;

    public required PartitionOffsets Partition { get; init; }

    public TopicPartition TopicPartition => Partition.Partition;

    public required long Offset { get; init; }

    public byte[]? Key { get; init; }

    public byte[]? Value { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public required DateTimeOffset IngestedAt { get; init; }

    /// <summary>Headers that travel with a dead letter (re-drive bookkeeping).</summary>
    public Headers? Headers { get; init; }

    public RecordOutcome Outcome { get; set; }

    public IndexAction? Action { get; set; }

    /// <summary>Attempts that Elasticsearch answered with a retryable status, bounded by MaxItemAttempts.</summary>
    public int Attempts { get; set; }

    /// <summary>The partition was revoked while this record was in flight; its next owner reads it again.</summary>
    public bool IsAbandoned => Partition.IsRevoked;

    /// <summary>Marks the record done, once: its offset may now be committed.</summary>
    public void Complete()
    {
        if (Interlocked.Exchange(ref completed, 1) == 0)
        {
            Partition.Complete(Offset);
        }
    }

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
        Headers = Headers,
    };
}
