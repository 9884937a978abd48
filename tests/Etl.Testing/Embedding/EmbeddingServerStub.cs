using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Etl.Testing.Embedding;

/// <summary>
/// An embeddings server on loopback for tests, answering as the real ones do: OpenAI's <c>POST /v1/embeddings</c>
/// (<c>{"object":"list","data":[{"object":"embedding","index":0,"embedding":[…]}],"model":…,"usage":…}</c>, as
/// text-embeddings-inference, Ollama and vLLM serve it) and text-embeddings-inference's <c>POST /embed</c>
/// (<c>[[…],[…]]</c>). Vectors are 384 floats derived from the text (the same text, the same unit vector). It can go
/// away (<see cref="SetDownAsync"/>: connections refused, as when the server's pod dies) and come back on the same port.
/// </summary>
public sealed class EmbeddingServerStub : IAsyncDisposable
{
    public const int Dimensions = 384;

    private WebApplication? app;
    private int port;
    private int requests;
    private int texts;

    private EmbeddingServerStub()
    {
    }

    /// <summary>Base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Embedding requests answered (none while down).</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>Texts embedded across all answered requests.</summary>
    public int Texts => Volatile.Read(ref texts);

    public bool IsDown => app is null;

    public static async Task<EmbeddingServerStub> StartAsync(CancellationToken cancellationToken = default)
    {
        var stub = new EmbeddingServerStub();
        await stub.ListenAsync(0, cancellationToken);
        return stub;
    }

    /// <summary>The vector this server gives <paramref name="text"/>: unit length, stable across runs.</summary>
    public static float[] VectorOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[Dimensions];
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var random = new Random((int)hash);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() - 0.5);
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return [.. vector.Select(v => v / norm)];
    }

    /// <summary>Down: stop listening (connections refused). Up: listen again on the same port.</summary>
    public async Task SetDownAsync(bool down, CancellationToken cancellationToken = default)
    {
        if (down && app is not null)
        {
            var running = app;
            app = null;
            await running.StopAsync(cancellationToken);
            await running.DisposeAsync();
        }
        else if (!down && app is null)
        {
            await ListenAsync(port, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => new(SetDownAsync(true));

    private async Task ListenAsync(int listenPort, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, listenPort));
        var web = builder.Build();
        web.Run(HandleAsync);
        await web.StartAsync(cancellationToken);
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.EndsWith('/') ? address : address + "/");
        port = Url.Port;
        app = web;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        JsonNode answer;
        if (context.Request.Method == "POST" && context.Request.Path == "/v1/embeddings")
        {
            var inputs = Inputs(body.RootElement.GetProperty("input"));
            var data = new JsonArray();
            for (var i = 0; i < inputs.Count; i++)
            {
                data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = Array(VectorOf(inputs[i])) });
            }

            var tokens = inputs.Sum(t => t.Split(' ').Length);
            answer = new JsonObject
            {
                ["object"] = "list",
                ["data"] = data,
                ["model"] = body.RootElement.TryGetProperty("model", out var model) ? model.GetString() : null,
                ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
            };
            Count(inputs.Count);
        }
        else if (context.Request.Method == "POST" && context.Request.Path == "/embed")
        {
            var inputs = Inputs(body.RootElement.GetProperty("inputs"));
            answer = new JsonArray([.. inputs.Select(t => (JsonNode)Array(VectorOf(t)))]);
            Count(inputs.Count);
        }
        else
        {
            context.Response.StatusCode = 404;
            answer = new JsonObject { ["error"] = $"no route {context.Request.Method} {context.Request.Path}", ["error_type"] = "NotFound" };
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(answer.ToJsonString()), context.RequestAborted);
    }

    private void Count(int count)
    {
        Interlocked.Increment(ref requests);
        Interlocked.Add(ref texts, count);
    }

    private static List<string> Inputs(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? [element.GetString()!] : [.. element.EnumerateArray().Select(e => e.GetString()!)];

    private static JsonArray Array(float[] vector) => new([.. vector.Select(v => (JsonNode)v)]);
}
