namespace Etl.Worker.Indexing;

/// <summary>The sink's answer for one item of a bulk request.</summary>
public readonly record struct SinkItemResult(int? Status, string? ErrorType = null, string? Reason = null)
{
    public bool IsSuccess => AnswerClassifier.Classify(ToAnswer()) == Verdict.Done;

    public Answer ToAnswer() => Answer.Item(Status, ErrorType, Reason);
}
