using System.Net;
using System.Text.Json;

namespace Etl.Schemas.Registry;

/// <summary>A parsed registry answer: status, JSON body, and Confluent's error code and message when it is an error.</summary>
internal sealed class RegistryResponse : IDisposable
{
    private readonly JsonDocument document;

    private RegistryResponse(HttpStatusCode status, JsonDocument document)
    {
        Status = status;
        this.document = document;
        if (Root.ValueKind == JsonValueKind.Object)
        {
            ErrorCode = Root.TryGetProperty("error_code", out var code) && code.TryGetInt32(out var value) ? value : null;
            ErrorMessage = Root.TryGetProperty("message", out var message) ? message.GetString() : null;
        }
    }

    public HttpStatusCode Status { get; }

    public JsonElement Root => document.RootElement;

    public int? ErrorCode { get; }

    public string? ErrorMessage { get; }

    public static RegistryResponse Parse(HttpStatusCode status, string body)
    {
        try
        {
            return new RegistryResponse(status, JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body));
        }
        catch (JsonException ex)
        {
            throw new SchemaRegistryException($"Schema Registry answered HTTP {(int)status} with a body that is not JSON: {body[..Math.Min(body.Length, 200)]}", (int)status, null, ex);
        }
    }

    public SchemaRegistryException ToException(string action) =>
        new($"Schema Registry refused {action}: HTTP {(int)Status}, error {ErrorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}: {ErrorMessage ?? Root.GetRawText()}", (int)Status, ErrorCode);

    public void Dispose() => document.Dispose();
}
