using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Etl.Schemas.Documents;

namespace Etl.Enrichment.Embedding;

/// <summary>
/// Embeds through an OpenAI-compatible <c>POST /v1/embeddings</c> server (text-embeddings-inference, Ollama, vLLM).
/// The model must produce 384 dimensions (MiniLM-class) to fit the index; vectors are re-normalised to unit length.
/// </summary>
public sealed class HttpEmbedder : IEmbedder
{
    private readonly HttpClient http;
    private readonly EmbeddingOptions options;

    public HttpEmbedder(HttpClient http, EmbeddingOptions options)
    {
        this.http = http ?? throw new ArgumentNullException(nameof(http));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.Endpoint is null || string.IsNullOrWhiteSpace(options.Model))
        {
            throw new ArgumentException($"{EmbeddingOptions.SectionName}:Endpoint and :Model must be set for the http embedder.", nameof(options));
        }
    }

    public string Name => "http:" + options.Model;

    public int Dimensions => TweetDocument.EmbeddingDimensions;

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var results = new List<float[]>(texts.Count);
        for (var start = 0; start < texts.Count; start += options.BatchSize)
        {
            var batch = texts.Skip(start).Take(options.BatchSize).ToArray();
            results.AddRange(await EmbedBatchAsync(batch, cancellationToken));
        }

        return results;
    }

    private async Task<float[][]> EmbedBatchAsync(string[] batch, CancellationToken cancellationToken)
    {
        var uri = new Uri(options.Endpoint!, "v1/embeddings");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = JsonContent.Create(new EmbeddingRequest(options.Model!, batch)),
        };
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        using var response = await http.SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new EmbeddingServerException($"POST {uri} answered {(int)response.StatusCode} {response.StatusCode}: {Truncate(body)}. Check {EmbeddingOptions.SectionName}:Endpoint and :Model.")
            {
                IsTransient = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
            };
        }

        var payload = await response.Content.ReadFromJsonAsync<EmbeddingResponse>(cancellationToken)
            ?? throw new EmbeddingServerException($"POST {uri} answered an empty body; expected {{\"data\":[{{\"embedding\":[...]}}]}}.");
        if (payload.Data is null || payload.Data.Count != batch.Length)
        {
            throw new EmbeddingServerException($"POST {uri} returned {payload.Data?.Count ?? 0} embeddings for {batch.Length} texts.");
        }

        var vectors = new float[batch.Length][];
        for (var i = 0; i < payload.Data.Count; i++)
        {
            var item = payload.Data[i];
            var index = item.Index ?? i;
            if (index < 0 || index >= batch.Length || item.Embedding is null)
            {
                throw new EmbeddingServerException($"POST {uri} returned an embedding with index {index} for a batch of {batch.Length}.");
            }

            if (item.Embedding.Length != TweetDocument.EmbeddingDimensions)
            {
                throw new EmbeddingServerException(
                    $"Model '{options.Model}' returned {item.Embedding.Length} dimensions; the index holds {TweetDocument.EmbeddingDimensions}. " +
                    "Serve a 384-dimension model (e.g. sentence-transformers/all-MiniLM-L6-v2) or use the built-in hashing embedder.");
            }

            vectors[index] = Normalized(item.Embedding);
        }

        return vectors;
    }

    private static float[] Normalized(float[] vector)
    {
        var sum = 0.0;
        foreach (var value in vector)
        {
            sum += value * value;
        }

        if (sum <= 0)
        {
            throw new EmbeddingServerException("The embeddings server returned a zero vector, which cosine similarity cannot use.");
        }

        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }

    private static string Truncate(string body) => body.Length <= 300 ? body : body[..300] + "…";

    private sealed record EmbeddingRequest([property: JsonPropertyName("model")] string Model, [property: JsonPropertyName("input")] string[] Input);

    private sealed record EmbeddingResponse([property: JsonPropertyName("data")] List<EmbeddingItem>? Data);

    private sealed record EmbeddingItem([property: JsonPropertyName("embedding")] float[]? Embedding, [property: JsonPropertyName("index")] int? Index);
}
