namespace Etl.Worker.Indexing;

/// <summary>Where documents go: Elasticsearch's <c>_bulk</c>, or NDJSON files for the offline demo.</summary>
public interface IDocumentSink
{
    /// <summary>
    /// Writes the actions in one request and returns one result per action, in order. Throws
    /// <see cref="SinkRequestException"/> when the request failed as a whole (unreachable, timed out, a whole-request
    /// status, or an answer that cannot be read), with the <see cref="Answer"/> the pipeline classifies.
    /// </summary>
    Task<IReadOnlyList<SinkItemResult>> WriteAsync(IReadOnlyList<IndexAction> actions, CancellationToken cancellationToken);
}
