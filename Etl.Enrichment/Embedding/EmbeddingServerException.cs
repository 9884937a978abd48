namespace Etl.Enrichment.Embedding;

/// <summary>The embeddings server could not be reached, answered with an error, or with vectors that do not fit the index.</summary>
public sealed class EmbeddingServerException : Exception
{
    public EmbeddingServerException()
    {
    }

    public EmbeddingServerException(string message)
        : base(message)
    {
    }

    public EmbeddingServerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// An outage or a setting to fix, not a property of the texts: unreachable, timed out, 429, 5xx, 401/403/404, or a
    /// model with the wrong dimensions. The pipeline pauses and probes on these and never dead-letters the tweets.
    /// False only when the server rejected the request itself (another 4xx), which a smaller batch may avoid.
    /// </summary>
    public bool IsTransient { get; init; }
}
