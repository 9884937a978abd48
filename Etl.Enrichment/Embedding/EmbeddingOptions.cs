namespace Etl.Enrichment.Embedding;

/// <summary>Which embedder enrichment uses. Configuration section <c>Embedding</c>.</summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Embedding";

    public const string HashingProvider = "hashing";
    public const string OnnxProvider = "onnx";
    public const string HttpProvider = "http";

    public const string OpenAiApi = "openai";
    public const string TeiApi = "tei";

    /// <summary>
    /// <c>hashing</c> (built in, no model: the firehose mode and the default), <c>onnx</c> (all-MiniLM-L6-v2 in
    /// process, semantic) or <c>http</c> (an embeddings server, e.g. text-embeddings-inference on a GPU).
    /// </summary>
    public string Provider { get; set; } = HashingProvider;

    /// <summary>Base address of the embeddings server, e.g. http://tei:80 or http://ollama:11434 (for <c>http</c>).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Model name sent in the request, e.g. sentence-transformers/all-MiniLM-L6-v2 or all-minilm (for <c>http</c>).</summary>
    public string? Model { get; set; }

    /// <summary>For <c>http</c>: <c>openai</c> (POST /v1/embeddings, also Ollama and vLLM) or <c>tei</c> (POST /embed).</summary>
    public string Api { get; set; } = OpenAiApi;

    /// <summary>Sent as a bearer token when set.</summary>
    public string? ApiKey { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Texts per http request, and most texts the worker's embed stage hands the embedder at once.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>For <c>onnx</c>: threads, batch size, truncation and cache (section <c>Embedding:Onnx</c>).</summary>
    public OnnxEmbedderOptions Onnx { get; set; } = new();
}
