namespace Etl.Worker.Indexing;

/// <summary>
/// Any answer the pipeline must act on — a bulk item, a whole bulk request, the registry, an enricher's server, the
/// dead-letter producer — reduced to what <see cref="AnswerClassifier"/> needs to decide.
/// </summary>
/// <param name="Source">Who answered.</param>
/// <param name="Transport">Whether an answer arrived at all, and whether it could be read.</param>
/// <param name="Status">HTTP status, or the Kafka <c>ErrorCode</c> for <see cref="AnswerSource.DeadLetterProducer"/>.</param>
/// <param name="ErrorType">Elasticsearch's error type (<c>es_rejected_execution_exception</c>) or the Kafka error name.</param>
/// <param name="Reason">Human-readable reason, kept for the dead letter and the log.</param>
public readonly record struct Answer(AnswerSource Source, AnswerTransport Transport, int? Status = null, string? ErrorType = null, string? Reason = null)
{
    public static Answer Item(int? status, string? errorType = null, string? reason = null) =>
        new(AnswerSource.ElasticsearchItem, AnswerTransport.Answered, status, errorType, reason);

    public static Answer Request(int status, string? errorType = null, string? reason = null) =>
        new(AnswerSource.ElasticsearchRequest, AnswerTransport.Answered, status, errorType, reason);

    /// <summary>"400 x_content_parse_exception: reason", or the transport problem.</summary>
    public string Describe() => Transport switch
    {
        AnswerTransport.Answered => $"{Status} {ErrorType}: {Reason}".Replace(" : ", ": ", StringComparison.Ordinal),
        _ => $"{Transport}: {Reason}",
    };
}
