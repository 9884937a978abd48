using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Avro;

namespace Etl.Worker.DevStack;

/// <summary>
/// An in-memory Schema Registry on loopback speaking the part of Confluent's REST API that Schema Registry clients
/// use: register, look up, get by id, subjects, versions, latest, and the compatibility check (BACKWARD), with
/// Confluent's error bodies (<c>{"error_code": 40401, "message": ...}</c>). For <c>etl-worker dev-stack</c>; it keeps
/// everything in memory and is gone when the process stops.
/// </summary>
public sealed class SchemaRegistryServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private SchemaRegistryServer(WebApplication app, InMemorySchemaRegistry registry)
    {
        this.app = app;
        Registry = registry;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:38081</c>.</summary>
    public Uri Url { get; private set; } = null!;

    public InMemorySchemaRegistry Registry { get; }

    /// <summary>
    /// Fires when the web host begins to stop. Its console lifetime takes SIGTERM and Ctrl+C for itself, so whoever
    /// runs until a signal must watch this token too.
    /// </summary>
    public CancellationToken Stopping => app.Lifetime.ApplicationStopping;

    /// <summary>Starts on 127.0.0.1:<paramref name="port"/> (0 picks a free port).</summary>
    public static async Task<SchemaRegistryServer> StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var app = builder.Build();
        var server = new SchemaRegistryServer(app, new InMemorySchemaRegistry());
        server.Map(app);
        await app.StartAsync(cancellationToken);
        server.Url = new Uri(app.Urls.First());
        return server;
    }

    /// <summary>Confluent's registry client for this server, with the fewest retries the client accepts: a local server answers or is gone.</summary>
    public Confluent.SchemaRegistry.ISchemaRegistryClient CreateClient() =>
        global::Etl.Kafka.Registry.AvroSerdes.CreateClient(new global::Etl.Kafka.Registry.SchemaRegistryOptions { Url = Url.ToString(), MaxRetries = 1 });

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/subjects/{subject}/versions", async (string subject, HttpRequest request) =>
        {
            var (schema, problem) = await ReadSchemaAsync(request);
            if (schema is null)
            {
                return problem!;
            }

            try
            {
                var id = await Registry.RegisterAsync(subject, schema);
                return Results.Json(new JsonObject { ["id"] = id });
            }
            catch (SchemaRegistryException ex) when (ex.StatusCode == StatusCodes.Status409Conflict)
            {
                return Error(StatusCodes.Status409Conflict, 409, ex.Message);
            }
        });
        routes.MapPost("/subjects/{subject}", async (string subject, HttpRequest request) =>
        {
            var (schema, problem) = await ReadSchemaAsync(request);
            if (schema is null)
            {
                return problem!;
            }

            var ids = Registry.VersionIds(subject);
            if (ids.Count == 0)
            {
                return SubjectNotFound(subject);
            }

            var json = schema.ToString();
            for (var i = 0; i < ids.Count; i++)
            {
                if ((await Registry.GetSchemaAsync(ids[i])).ToString() == json)
                {
                    return Results.Json(await VersionBodyAsync(subject, i + 1, ids[i]));
                }
            }

            return Error(StatusCodes.Status404NotFound, 40403, $"Schema not found under subject '{subject}'.");
        });
        routes.MapGet("/schemas/ids/{id:int}", async (int id) =>
        {
            try
            {
                var schema = await Registry.GetSchemaAsync(id);
                return Results.Json(new JsonObject { ["schema"] = schema.ToString() });
            }
            catch (SchemaNotFoundException)
            {
                return Error(StatusCodes.Status404NotFound, 40403, $"Schema {id.ToString(CultureInfo.InvariantCulture)} not found");
            }
        });
        routes.MapGet("/subjects", () => Results.Json(new JsonArray([.. Registry.Subjects().Select(s => JsonValue.Create(s))])));
        routes.MapGet("/subjects/{subject}/versions", (string subject) =>
        {
            var ids = Registry.VersionIds(subject);
            return ids.Count == 0
                ? SubjectNotFound(subject)
                : Results.Json(new JsonArray([.. Enumerable.Range(1, ids.Count).Select(v => JsonValue.Create(v))]));
        });
        routes.MapGet("/subjects/{subject}/versions/{version}", async (string subject, string version) =>
        {
            var ids = Registry.VersionIds(subject);
            if (ids.Count == 0)
            {
                return SubjectNotFound(subject);
            }

            var number = version is "latest" or "-1" ? ids.Count : int.TryParse(version, CultureInfo.InvariantCulture, out var n) ? n : 0;
            return number < 1 || number > ids.Count
                ? Error(StatusCodes.Status404NotFound, 40402, $"Version {version} not found.")
                : Results.Json(await VersionBodyAsync(subject, number, ids[number - 1]));
        });
        routes.MapPost("/compatibility/subjects/{subject}/versions/{version}", async (string subject, string version, HttpRequest request) =>
        {
            var (schema, problem) = await ReadSchemaAsync(request);
            if (schema is null)
            {
                return problem!;
            }

            if (Registry.VersionIds(subject).Count == 0)
            {
                return SubjectNotFound(subject);
            }

            var reason = Registry.IncompatibilityReason(subject, schema);
            return Results.Json(new JsonObject
            {
                ["is_compatible"] = reason is null,
                ["messages"] = reason is null ? new JsonArray() : new JsonArray(JsonValue.Create(reason)),
            });
        });
        // Confluent clients probe newer endpoints (e.g. /associations, /config) and treat 404 as "not supported".
        routes.MapFallback(() => Error(StatusCodes.Status404NotFound, 404, "HTTP 404 Not Found"));
    }

    private async Task<JsonObject> VersionBodyAsync(string subject, int version, int id) => new()
    {
        ["subject"] = subject,
        ["version"] = version,
        ["id"] = id,
        ["schema"] = (await Registry.GetSchemaAsync(id)).ToString(),
    };

    private static async Task<(Schema? Schema, IResult? Problem)> ReadSchemaAsync(HttpRequest request)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body);
        }
        catch (JsonException ex)
        {
            return (null, Error(StatusCodes.Status422UnprocessableEntity, 42201, "The request body is not JSON: " + ex.Message));
        }

        if (body?["schemaType"]?.GetValue<string>() is { } type && type != "AVRO")
        {
            return (null, Error(StatusCodes.Status422UnprocessableEntity, 42201, $"Schema type '{type}' is not supported here; only AVRO."));
        }

        if (body?["schema"] is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
        {
            return (null, Error(StatusCodes.Status422UnprocessableEntity, 42201, "The request body has no 'schema' string."));
        }

        try
        {
            return (Schema.Parse(text.GetValue<string>()), null);
        }
        catch (Exception ex) when (ex is AvroException or Newtonsoft.Json.JsonException)
        {
            return (null, Error(StatusCodes.Status422UnprocessableEntity, 42201, "Invalid schema: " + ex.Message));
        }
    }

    private static IResult SubjectNotFound(string subject) =>
        Error(StatusCodes.Status404NotFound, 40401, $"Subject '{subject}' not found.");

    private static IResult Error(int status, int errorCode, string message) =>
        Results.Json(new JsonObject { ["error_code"] = errorCode, ["message"] = message }, statusCode: status, contentType: "application/vnd.schemaregistry.v1+json");
}
