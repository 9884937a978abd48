using etl.tweets;

namespace Etl.Worker.Pipeline;

/// <summary>Everything the dead-letter topic keeps about a record the pipeline could not index.</summary>
public sealed record FailedRecord
{
    public required string Topic { get; init; }

    public required int Partition { get; init; }

    public required long Offset { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public byte[]? Key { get; init; }

    public byte[]? Value { get; init; }

    public required DeadLetterStage Stage { get; init; }

    public required string ErrorType { get; init; }

    public required string ErrorMessage { get; init; }

    /// <summary>HTTP status of the Elasticsearch bulk item, for index failures.</summary>
    public int? ElasticsearchStatus { get; init; }

    /// <summary>Elasticsearch's reason for rejecting the item, for index failures.</summary>
    public string? ElasticsearchReason { get; init; }

    public int Attempts { get; init; } = 1;

    public required DateTimeOffset FailedAt { get; init; }

    /// <summary>Headers of the source record; the dead letter keeps the re-drive ones (<c>etl-redriven-from</c>, <c>etl-redrive-count</c>).</summary>
    public Confluent.Kafka.Headers? Headers { get; init; }
}
