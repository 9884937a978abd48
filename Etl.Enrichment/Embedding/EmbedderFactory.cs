namespace Etl.Enrichment.Embedding;

/// <summary>Chooses the embedder from configuration.</summary>
public static class EmbedderFactory
{
    /// <param name="options">Validated options (see <see cref="EmbeddingOptionsValidator"/>).</param>
    /// <param name="httpClient">Used only by the http provider; the caller owns its lifetime. One is made when absent.</param>
    public static IEmbedder Create(EmbeddingOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider.Trim().ToLowerInvariant() switch
        {
            EmbeddingOptions.HttpProvider => new HttpEmbedder(httpClient ?? new HttpClient(), options),
            EmbeddingOptions.OnnxProvider => OnnxEmbedder.Load(options.Onnx),
            EmbeddingOptions.HashingProvider => HashingEmbedder.Instance,
            _ => throw new ArgumentException(
                $"{EmbeddingOptions.SectionName}:Provider '{options.Provider}' is unknown; use '{EmbeddingOptions.OnnxProvider}', '{EmbeddingOptions.HashingProvider}' or '{EmbeddingOptions.HttpProvider}'.",
                nameof(options)),
        };
    }
}
