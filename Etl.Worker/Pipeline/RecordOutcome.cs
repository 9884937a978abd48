using Etl.Schemas.Documents;
using etl.tweets;

namespace Etl.Worker.Pipeline;

/// <summary>
/// What processing one Kafka record produced: a document to index, a failure to dead-letter, or "not now" — a
/// dependency (the registry, an embedding server) could not answer, so the same record is tried again later and
/// nothing is dead-lettered.
/// </summary>
public readonly record struct RecordOutcome(TweetDocument? Document, string? Index, DeadLetterStage? Stage, string? ErrorType, string? ErrorMessage)
{
    public static RecordOutcome Indexable(TweetDocument document, string index) => new(document, index, null, null, null);

    public static RecordOutcome Failed(DeadLetterStage stage, Exception error) =>
        new(null, null, stage, error.GetType().Name, error.Message);

    /// <summary>A dependency is down or refuses everyone: the record is not at fault and waits.</summary>
    public static RecordOutcome Unavailable(Exception error) =>
        new(null, null, null, error.GetType().Name, error.Message);

    public bool IsFailure => Document is null && Stage is not null;

    public bool IsUnavailable => Document is null && Stage is null;
}
