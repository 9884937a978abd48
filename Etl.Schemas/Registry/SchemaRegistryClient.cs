using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Etl.Schemas.Avro;

namespace Etl.Schemas.Registry;

/// <summary>
/// Confluent Schema Registry over its REST API (v1 content type). Schemas are cached by id and ids by
/// (subject, schema), so a steady-state producer or consumer never calls the registry. Retries 5xx answers,
/// timeouts and network errors with exponential backoff; never retries a 4xx, which will not change.
/// </summary>
public sealed class SchemaRegistryClient : ISchemaRegistry
{
    /// <summary>The media type the registry speaks.</summary>
    public const string MediaType = "application/vnd.schemaregistry.v1+json";

    private readonly HttpClient http;
    private readonly SchemaRegistryOptions options;
    private readonly TimeProvider timeProvider;
    private readonly Uri baseUri;
    private readonly AuthenticationHeaderValue? authorization;
    private readonly ConcurrentDictionary<int, AvroSchema> schemasById = new();
    private readonly ConcurrentDictionary<(string Subject, string Json), int> idsBySchema = new();

    /// <param name="http">The HTTP client (from IHttpClientFactory in hosts); its own timeout should be infinite, as attempts are timed here.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="timeProvider">Clock for retry delays; the system clock when null.</param>
    public SchemaRegistryClient(HttpClient http, SchemaRegistryOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var validation = new SchemaRegistryOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(options));
        }

        this.http = http;
        this.options = options;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        baseUri = new Uri(options.Url.EndsWith('/') ? options.Url : options.Url + "/");
        if (!string.IsNullOrEmpty(options.BasicAuthUserInfo))
        {
            authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.BasicAuthUserInfo)));
        }
    }

    public async Task<int> RegisterAsync(string subject, AvroSchema schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(schema);
        var json = schema.ToJson();
        if (idsBySchema.TryGetValue((subject, json), out var cached))
        {
            return cached;
        }

        using var document = await SendAsync(HttpMethod.Post, $"subjects/{Uri.EscapeDataString(subject)}/versions", SchemaBody(json), cancellationToken);
        if (document.Status != HttpStatusCode.OK)
        {
            throw document.ToException($"registering a schema under subject '{subject}'");
        }

        var id = document.Root.TryGetProperty("id", out var idElement) && idElement.TryGetInt32(out var value)
            ? value
            : throw new SchemaRegistryException($"Schema Registry answered the registration for '{subject}' without an integer 'id': {document.Root.GetRawText()}");
        idsBySchema[(subject, json)] = id;
        schemasById.TryAdd(id, schema);
        return id;
    }

    public async Task<AvroSchema> GetSchemaAsync(int id, CancellationToken cancellationToken = default)
    {
        if (schemasById.TryGetValue(id, out var cached))
        {
            return cached;
        }

        using var document = await SendAsync(HttpMethod.Get, $"schemas/ids/{id}", body: null, cancellationToken);
        if (document.Status == HttpStatusCode.NotFound)
        {
            throw new SchemaNotFoundException(id, (int)document.Status, document.ErrorCode);
        }

        if (document.Status != HttpStatusCode.OK)
        {
            throw document.ToException($"fetching schema id {id}");
        }

        if (document.Root.TryGetProperty("schemaType", out var type) && type.GetString() is { } schemaType && schemaType != "AVRO")
        {
            throw new SchemaRegistryException($"Schema id {id} is a {schemaType} schema; these serdes read Avro only.", (int)document.Status, null);
        }

        var text = document.Root.TryGetProperty("schema", out var schemaElement) && schemaElement.ValueKind == JsonValueKind.String
            ? schemaElement.GetString()!
            : throw new SchemaRegistryException($"Schema Registry answered for id {id} without a 'schema' string: {document.Root.GetRawText()}");
        var schema = AvroSchema.Parse(text);
        return schemasById.GetOrAdd(id, schema);
    }

    public async Task<bool> IsCompatibleAsync(string subject, AvroSchema schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(schema);
        using var document = await SendAsync(HttpMethod.Post, $"compatibility/subjects/{Uri.EscapeDataString(subject)}/versions/latest", SchemaBody(schema.ToJson()), cancellationToken);

        // 40401 subject not found / 40402 version not found: nothing registered yet, so anything is compatible.
        if (document.Status == HttpStatusCode.NotFound && document.ErrorCode is 40401 or 40402)
        {
            return true;
        }

        if (document.Status != HttpStatusCode.OK)
        {
            throw document.ToException($"checking compatibility under subject '{subject}'");
        }

        return document.Root.TryGetProperty("is_compatible", out var compatible) && compatible.ValueKind == JsonValueKind.True;
    }

    private static string SchemaBody(string schemaJson) => JsonSerializer.Serialize(new Dictionary<string, string> { ["schema"] = schemaJson });

    private async Task<RegistryResponse> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        var uri = new Uri(baseUri, path);
        string lastFailure = "no attempt made";
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                var delay = options.RetryBaseDelay * Math.Pow(2, attempt - 1);
                await Task.Delay(delay, timeProvider, cancellationToken);
            }

            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Accept.ParseAdd(MediaType);
            request.Headers.Authorization = authorization;
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, MediaType);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.RequestTimeout);
            try
            {
                using var response = await http.SendAsync(request, timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                if ((int)response.StatusCode >= 500)
                {
                    lastFailure = $"HTTP {(int)response.StatusCode}: {text}";
                }
                else
                {
                    return RegistryResponse.Parse(response.StatusCode, text);
                }
            }
            catch (HttpRequestException ex)
            {
                lastFailure = ex.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastFailure = $"no answer within {options.RequestTimeout}";
            }

            if (attempt >= options.MaxRetries)
            {
                throw new SchemaRegistryException(
                    $"Schema Registry at {options.Url} failed {attempt + 1} time(s) for {method} /{path}; last: {lastFailure}. Check that it is running and that {SchemaRegistryOptions.SectionName}:Url is right.");
            }
        }
    }
}
