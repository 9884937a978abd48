namespace Etl.Worker.Indexing;

/// <summary>Where documents go: Elasticsearch's <c>_bulk</c>, or NDJSON files for the offline demo.</summary>
public interface IDocumentSink
{
    /// <summary>
    /// Writes the actions in one request and returns one result per action, in order.
    /// Throws <see cref="SinkUnavailableException"/> when the whole request failed (unreachable, 429/5xx for the request, timeout).
    /// </summary>
    Task<IReadOnlyList<SinkItemResult>> WriteAsync(IReadOnlyList<IndexAction> actions, CancellationToken cancellationToken);

    /// <summary>True when the sink answers again after an outage.</summary>
    Task<bool> ProbeAsync(CancellationToken cancellationToken);
}
