namespace Etl.Enrichment.Embedding;

/// <summary>The embeddings server answered with an error or with vectors that do not fit the index.</summary>
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

    /// <summary>5xx and 429 are worth retrying; a 4xx or a malformed answer is not.</summary>
    public bool IsTransient { get; init; }
}
