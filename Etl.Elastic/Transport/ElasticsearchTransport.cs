using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.Elastic.Serialization;

namespace Etl.Elastic.Transport;

/// <summary>
/// Sends requests to the configured nodes and turns error responses into <see cref="ElasticsearchException"/>.
/// Rotates over nodes and moves to the next one when a node refuses the connection.
/// </summary>
public sealed class ElasticsearchTransport : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly Uri[] _nodes;
    private int _next = -1;

    public ElasticsearchTransport(ElasticsearchOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _nodes = [.. options.NodeUrls().Select(ToBaseUri)];
        if (_nodes.Length == 0)
        {
            throw new ArgumentException("No Elasticsearch node address: set Elasticsearch:Url.", nameof(options));
        }

        Gzip = options.Gzip;
        _http = new HttpClient(handler ?? CreateHandler(options), disposeHandler: true) { Timeout = options.RequestTimeout };
        var authorization = Authorization(options);
        if (authorization is not null)
        {
            _http.DefaultRequestHeaders.Authorization = authorization;
        }
    }

    /// <summary>Whether bulk bodies are gzipped (<see cref="ElasticsearchOptions.Gzip"/>).</summary>
    public bool Gzip { get; }

    /// <summary>A JSON request body.</summary>
    public static HttpContent Json(JsonNode body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, ElasticJsonNodeContext.Default.JsonNode));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    /// <summary>
    /// Sends a request and parses the JSON answer. Returns null for a 404 when <paramref name="notFoundIsNull"/>
    /// (a missing template is an answer, not an error); throws <see cref="ElasticsearchException"/> otherwise.
    /// <paramref name="alsoSuccess"/> is a non-2xx status whose body is a normal answer (408 from a timed-out health wait).
    /// </summary>
    public async Task<JsonDocument?> SendAsync(
        HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, bool notFoundIsNull = false, int? alsoSuccess = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var first = Interlocked.Increment(ref _next);
        List<Exception>? refused = null;
        for (var attempt = 0; attempt < _nodes.Length; attempt++)
        {
            var node = _nodes[(int)((uint)(first + attempt) % (uint)_nodes.Length)];
            var request = new HttpRequestMessage(method, new Uri(node, path.TrimStart('/'))) { Content = content };
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
            {
                // Nothing was sent, so another node can take the same request.
                (refused ??= []).Add(ex);
                continue;
            }
            catch (HttpRequestException ex)
            {
                throw new ElasticsearchException(
                    $"{method} {path} to {node} failed before a response arrived ({ex.HttpRequestError}): {ex.Message}", null, null, isTransient: true, ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ElasticsearchException(
                    $"{method} {path} to {node} timed out after {_http.Timeout}. Raise Elasticsearch:RequestTimeout or send smaller requests.",
                    null, null, isTransient: true, ex);
            }
            finally
            {
                // Keep the content alive for the next node: disposing the request would dispose it.
                request.Content = null;
                request.Dispose();
            }

            using (response)
            {
                return await ReadAsync(response, method, path, notFoundIsNull, alsoSuccess, cancellationToken);
            }
        }

        throw new ElasticsearchException(
            $"{method} {path}: no Elasticsearch node accepted a connection ({string.Join(", ", _nodes.Select(n => n.ToString()))}). " +
            "Check Elasticsearch:Url and that the cluster is up.",
            null, null, isTransient: true, new AggregateException(refused!));
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonDocument?> ReadAsync(
        HttpResponseMessage response, HttpMethod method, string path, bool notFoundIsNull, int? alsoSuccess, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode || status == alsoSuccess)
        {
            if (response.Content.Headers.ContentLength == 0 || method == HttpMethod.Head)
            {
                return JsonDocument.Parse("{}");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonDocument.ParseAsync(stream, default, cancellationToken);
        }

        if (status == (int)HttpStatusCode.NotFound && notFoundIsNull)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var error = ParseError(body);
        var transient = ElasticsearchException.IsTransientStatus(status);
        var summary = error is null
            ? $"{status} with body '{Truncate(body)}'"
            : $"{status} {error}";
        throw new ElasticsearchException($"Elasticsearch answered {method} {path} with {summary}", status, error, transient);
    }

    private static ElasticsearchError? ParseError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                ? ElasticsearchError.Parse(error)
                : null;
        }
        catch (JsonException)
        {
            // A proxy's HTML error page, for instance; the raw body goes into the message instead.
            return null;
        }
    }

    private static string Truncate(string body) => body.Length <= 500 ? body : body[..500] + "…";

    private static Uri ToBaseUri(string url)
    {
        var uri = new Uri(url, UriKind.Absolute);
        // A trailing slash keeps a path prefix (http://proxy/es/) when relative paths are resolved against it.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
    }

    private static AuthenticationHeaderValue? Authorization(ElasticsearchOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            var key = options.ApiKey.Trim();
            // "id:api_key" is what the create-API-key response shows separately; the header wants it base64-encoded.
            var encoded = key.Contains(':', StringComparison.Ordinal) ? Convert.ToBase64String(Encoding.UTF8.GetBytes(key)) : key;
            return new AuthenticationHeaderValue("ApiKey", encoded);
        }

        if (!string.IsNullOrWhiteSpace(options.Username))
        {
            var pair = Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}");
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
        }

        return null;
    }

    private static SocketsHttpHandler CreateHandler(ElasticsearchOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(10, options.RequestTimeout.TotalSeconds)),
        };
        if (!string.IsNullOrWhiteSpace(options.CaFile))
        {
            var validator = CertificateAuthorityValidator.FromPemFile(options.CaFile);
            handler.SslOptions.RemoteCertificateValidationCallback = validator.Validate;
        }

        return handler;
    }
}
