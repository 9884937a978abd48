using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Etl.Schemas.Documents;

namespace Etl.Enrichment.Embedding;

/// <summary>
/// Embeds through a server: OpenAI-compatible <c>POST /v1/embeddings</c> (text-embeddings-inference, Ollama, vLLM) or
/// text-embeddings-inference's own <c>POST /embed</c> (<see cref="EmbeddingOptions.Api"/>), <see cref="EmbeddingOptions.BatchSize"/>
/// texts per request. The model must produce 384 dimensions (MiniLM-class) to fit the index; vectors are re-normalised.
/// Every failure is an <see cref="EmbeddingServerException"/> that says whether to wait (outage) or not.
/// </summary>
public sealed class HttpEmbedder : IEmbedder
{
    private readonly HttpClient http;
    private readonly EmbeddingOptions options;
    private readonly bool tei;
    private readonly Uri uri;

    public HttpEmbedder(HttpClient http, EmbeddingOptions options)
    {
        this.http = http ?? throw new ArgumentNullException(nameof(http));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.Endpoint is null || string.IsNullOrWhiteSpace(options.Model))
        {
            throw new ArgumentException($"{EmbeddingOptions.SectionName}:Endpoint and :Model must be set for the http embedder.", nameof(options));
        }

        tei = string.Equals(options.Api?.Trim(), EmbeddingOptions.TeiApi, StringComparison.OrdinalIgnoreCase);
        var endpoint = options.Endpoint.AbsoluteUri.EndsWith('/') ? options.Endpoint : new Uri(options.Endpoint.AbsoluteUri + "/");
        uri = new Uri(endpoint, tei ? "embed" : "v1/embeddings");
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
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = tei
                ? JsonContent.Create(new TeiRequest(batch, Normalize: true, Truncate: true))
                : JsonContent.Create(new OpenAiRequest(options.Model!, batch)),
        };
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                var status = (int)response.StatusCode;
                throw new EmbeddingServerException($"POST {uri} answered {status} {response.StatusCode}: {Truncate(body)}. Check {EmbeddingOptions.SectionName}:Endpoint, :Api and :Model.")
                {
                    // Auth and a wrong path are settings to fix, not the tweets' fault: wait for the operator like an outage.
                    IsTransient = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                        || status >= 500,
                };
            }

            var vectors = tei ? await ReadTeiAsync(response, batch.Length, timeout.Token) : await ReadOpenAiAsync(response, batch.Length, timeout.Token);
            return vectors;
        }
        catch (HttpRequestException ex)
        {
            throw new EmbeddingServerException($"POST {uri} failed: {ex.Message}. Is the embeddings server at {EmbeddingOptions.SectionName}:Endpoint running?", ex) { IsTransient = true };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmbeddingServerException($"POST {uri} took longer than {EmbeddingOptions.SectionName}:Timeout ({options.Timeout}).", ex) { IsTransient = true };
        }
        catch (JsonException ex)
        {
            // A body we cannot read is a server problem (a proxy's error page, a truncated answer), never a success.
            throw new EmbeddingServerException($"POST {uri} answered a body that is not the expected JSON: {ex.Message}", ex) { IsTransient = true };
        }
    }

    private async Task<float[][]> ReadOpenAiAsync(HttpResponseMessage response, int count, CancellationToken cancellationToken)
    {
        var payload = await response.Content.ReadFromJsonAsync<OpenAiResponse>(cancellationToken);
        if (payload?.Data is null || payload.Data.Count != count)
        {
            throw new EmbeddingServerException($"POST {uri} returned {payload?.Data?.Count ?? 0} embeddings for {count} texts; expected {{\"data\":[{{\"embedding\":[...]}}]}}.") { IsTransient = true };
        }

        var vectors = new float[count][];
        for (var i = 0; i < payload.Data.Count; i++)
        {
            var item = payload.Data[i];
            var index = item.Index ?? i;
            if (index < 0 || index >= count || item.Embedding is null || vectors[index] is not null)
            {
                throw new EmbeddingServerException($"POST {uri} returned an embedding with index {index} for a batch of {count}.") { IsTransient = true };
            }

            vectors[index] = Checked(item.Embedding);
        }

        return vectors;
    }

    private async Task<float[][]> ReadTeiAsync(HttpResponseMessage response, int count, CancellationToken cancellationToken)
    {
        var payload = await response.Content.ReadFromJsonAsync<float[][]>(cancellationToken);
        if (payload is null || payload.Length != count)
        {
            throw new EmbeddingServerException($"POST {uri} returned {payload?.Length ?? 0} embeddings for {count} texts; expected [[...], ...].") { IsTransient = true };
        }

        return [.. payload.Select(Checked)];
    }

    private float[] Checked(float[] vector)
    {
        if (vector.Length != TweetDocument.EmbeddingDimensions)
        {
            throw new EmbeddingServerException(
                $"Model '{options.Model}' returned {vector.Length} dimensions; the index holds {TweetDocument.EmbeddingDimensions}. " +
                "Serve a 384-dimension model (e.g. sentence-transformers/all-MiniLM-L6-v2) or use Embedding:Provider=onnx.")
            {
                IsTransient = true,
            };
        }

        var sum = 0.0;
        foreach (var value in vector)
        {
            sum += value * value;
        }

        if (sum <= 0 || !double.IsFinite(sum))
        {
            throw new EmbeddingServerException($"POST {uri} returned a zero or non-finite vector, which cosine similarity cannot use.") { IsTransient = true };
        }

        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }

    private static string Truncate(string body) => body.Length <= 300 ? body : body[..300] + "…";

    private sealed record OpenAiRequest([property: JsonPropertyName("model")] string Model, [property: JsonPropertyName("input")] string[] Input);

    private sealed record TeiRequest(
        [property: JsonPropertyName("inputs")] string[] Inputs,
        [property: JsonPropertyName("normalize")] bool Normalize,
        [property: JsonPropertyName("truncate")] bool Truncate);

    private sealed record OpenAiResponse([property: JsonPropertyName("data")] List<OpenAiItem>? Data);

    private sealed record OpenAiItem([property: JsonPropertyName("embedding")] float[]? Embedding, [property: JsonPropertyName("index")] int? Index);
}
