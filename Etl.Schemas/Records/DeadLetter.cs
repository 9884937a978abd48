namespace Etl.Schemas.Records;

/// <summary>A record the worker could not process (schema <c>etl.tweets.DeadLetter</c>), with its raw bytes.</summary>
public sealed record DeadLetter
{
    public required string SourceTopic { get; init; }

    public required int SourcePartition { get; init; }

    public required long SourceOffset { get; init; }

    public DateTimeOffset? SourceTimestamp { get; init; }

    public byte[]? Key { get; init; }

    public byte[]? Value { get; init; }

    public required DeadLetterStage Stage { get; init; }

    public required string ErrorType { get; init; }

    public required string ErrorMessage { get; init; }

    public int? EsStatus { get; init; }

    public string? EsReason { get; init; }

    public int Attempts { get; init; } = 1;

    public required DateTimeOffset FailedAt { get; init; }
}
