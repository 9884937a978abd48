namespace Etl.Enrichment.Embedding;

/// <summary>Which embedder enrichment uses. Configuration section <c>Embedding</c>.</summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Embedding";

    public const string HashingProvider = "hashing";
    public const string HttpProvider = "http";

    /// <summary><c>hashing</c> (built in, default) or <c>http</c> (an OpenAI-compatible /v1/embeddings server).</summary>
    public string Provider { get; set; } = HashingProvider;

    /// <summary>Base address of the embeddings server, e.g. http://tei:80 or http://ollama:11434 (for <c>http</c>).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Model name sent in the request, e.g. sentence-transformers/all-MiniLM-L6-v2 or all-minilm.</summary>
    public string? Model { get; set; }

    /// <summary>Sent as a bearer token when set.</summary>
    public string? ApiKey { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Texts per request.</summary>
    public int BatchSize { get; set; } = 64;
}
