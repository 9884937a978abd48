using Etl.Schemas.Documents;
using Etl.Schemas.Records;

namespace Etl.Worker.Pipeline;

/// <summary>What processing one Kafka record produced: a document to index, or a failure to dead-letter.</summary>
public readonly record struct RecordOutcome(TweetDocument? Document, string? Index, DeadLetterStage? Stage, string? ErrorType, string? ErrorMessage)
{
    public static RecordOutcome Indexable(TweetDocument document, string index) => new(document, index, null, null, null);

    public static RecordOutcome Failed(DeadLetterStage stage, Exception error) =>
        new(null, null, stage, error.GetType().Name, error.Message);

    public bool IsFailure => Document is null;
}
