namespace Etl.Enrichment.Embedding;

/// <summary>Chooses the embedder from configuration.</summary>
public static class EmbedderFactory
{
    /// <param name="options">Validated options (see <see cref="EmbeddingOptionsValidator"/>).</param>
    /// <param name="httpClient">Used only by the http provider; the caller owns its lifetime.</param>
    public static IEmbedder Create(EmbeddingOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider.Trim().ToLowerInvariant() switch
        {
            EmbeddingOptions.HttpProvider => new HttpEmbedder(httpClient ?? throw new ArgumentNullException(nameof(httpClient), "The http embedder needs an HttpClient."), options),
            EmbeddingOptions.HashingProvider => HashingEmbedder.Instance,
            _ => throw new ArgumentException($"{EmbeddingOptions.SectionName}:Provider '{options.Provider}' is unknown; use 'hashing' or 'http'.", nameof(options)),
        };
    }
}
