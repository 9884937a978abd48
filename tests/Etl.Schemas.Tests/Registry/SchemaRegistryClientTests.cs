using System.Collections.Concurrent;
using System.Text.Json;
using Etl.Schemas.Avro;
using Etl.Schemas.Records;
using Etl.Schemas.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Etl.Schemas.Tests.Registry;

/// <summary>Runs the REST client against an in-process server answering with Confluent's documented shapes.</summary>
public sealed class SchemaRegistryClientTests : IAsyncLifetime
{
    private const string ContentType = "application/vnd.schemaregistry.v1+json";
    private readonly ConcurrentDictionary<int, string> schemas = new();
    private readonly ConcurrentQueue<string> requests = new();
    private WebApplication? app;
    private string url = "";
    private int failuresToInject;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Use(async (context, next) =>
        {
            requests.Enqueue($"{context.Request.Method} {context.Request.Path} auth={context.Request.Headers.Authorization}");
            if (Interlocked.Decrement(ref failuresToInject) >= 0)
            {
                context.Response.StatusCode = 503;
                return;
            }

            context.Response.ContentType = ContentType;
            await next(context);
        });
        app.MapPost("/subjects/{subject}/versions", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var text = body.RootElement.GetProperty("schema").GetString()!;
            var id = schemas.FirstOrDefault(p => p.Value == text).Key;
            if (id == 0)
            {
                id = schemas.Count + 1;
                schemas[id] = text;
            }

            await context.Response.WriteAsync($"{{\"id\":{id}}}");
        });
        app.MapGet("/schemas/ids/{id:int}", async (HttpContext context, int id) =>
        {
            if (!schemas.TryGetValue(id, out var text))
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("{\"error_code\":40403,\"message\":\"Schema not found\"}");
                return;
            }

            await context.Response.WriteAsync(JsonSerializer.Serialize(new { schema = text }));
        });
        app.MapPost("/compatibility/subjects/{subject}/versions/latest", async (HttpContext context, string subject) =>
        {
            if (subject == "missing-value")
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("{\"error_code\":40401,\"message\":\"Subject 'missing-value' not found.\"}");
                return;
            }

            await context.Response.WriteAsync("{\"is_compatible\":true}");
        });
        await app.StartAsync();
        url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    private SchemaRegistryClient Client(HttpClient http, int maxRetries = 3) => new(http, new SchemaRegistryOptions
    {
        Url = url,
        BasicAuthUserInfo = "etl:secret",
        MaxRetries = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
    });

    [Fact]
    public async Task Register_then_fetch_by_id_round_trips_the_schema_and_caches_both_ways()
    {
        using var http = new HttpClient();
        var client = Client(http);
        var id = await client.RegisterAsync("tweets.raw-value", AvroRecordSchemas.Tweet);
        Assert.Equal(id, await client.RegisterAsync("tweets.raw-value", AvroRecordSchemas.Tweet));

        var fresh = Client(http);
        var fetched = await fresh.GetSchemaAsync(id);
        Assert.Equal(AvroRecordSchemas.Tweet.CanonicalForm, fetched.CanonicalForm);
        await fresh.GetSchemaAsync(id);

        Assert.Single(requests, r => r.StartsWith("POST", StringComparison.Ordinal));
        Assert.Single(requests, r => r.StartsWith("GET", StringComparison.Ordinal));
        Assert.All(requests, r => Assert.EndsWith("auth=Basic ZXRsOnNlY3JldA==", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_id_raises_schema_not_found_with_the_confluent_error_code()
    {
        using var http = new HttpClient();
        var ex = await Assert.ThrowsAsync<SchemaNotFoundException>(() => Client(http).GetSchemaAsync(999));
        Assert.Equal(40403, ex.ErrorCode);
        Assert.Equal(999, ex.SchemaId);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_then_succeed()
    {
        using var http = new HttpClient();
        failuresToInject = 2;
        var id = await Client(http).RegisterAsync("x-value", AvroSchema.Parse("\"string\""));
        Assert.True(id > 0);
        Assert.Equal(3, requests.Count);
    }

    [Fact]
    public async Task Persistent_server_errors_give_up_after_max_retries_with_the_last_status()
    {
        using var http = new HttpClient();
        failuresToInject = 100;
        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => Client(http, maxRetries: 2).GetSchemaAsync(1));
        Assert.Contains("HTTP 503", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, requests.Count);
    }

    [Fact]
    public async Task Compatibility_is_read_from_the_answer_and_a_missing_subject_is_compatible()
    {
        using var http = new HttpClient();
        var client = Client(http);
        Assert.True(await client.IsCompatibleAsync("tweets.raw-value", AvroRecordSchemas.Tweet));
        Assert.True(await client.IsCompatibleAsync("missing-value", AvroRecordSchemas.Tweet));
    }

    [Fact]
    public async Task Unreachable_registry_fails_after_retries_with_a_message_naming_the_url()
    {
        using var http = new HttpClient();
        var client = new SchemaRegistryClient(http, new SchemaRegistryOptions { Url = "http://127.0.0.1:1", MaxRetries = 1, RetryBaseDelay = TimeSpan.Zero });
        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(1));
        Assert.Contains("http://127.0.0.1:1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_validator_reports_every_problem()
    {
        var result = new SchemaRegistryOptionsValidator().Validate(null, new SchemaRegistryOptions
        {
            Url = "not a url",
            BasicAuthUserInfo = "nocolon",
            RequestTimeout = TimeSpan.Zero,
            MaxRetries = -1,
        });
        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
    }
}
