using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Etl.Worker.Tests;

/// <summary>
/// A loopback HTTP front for a Schema Registry that a test can take down: while down it drops every connection
/// (what a client sees when the registry is unreachable) or answers 503; while up it passes requests through.
/// </summary>
internal sealed class RegistryGate : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient forward;
    private int refused;

    private RegistryGate(WebApplication app, Uri target)
    {
        this.app = app;
        forward = new HttpClient { BaseAddress = target };
    }

    /// <summary>0: pass through; -1: drop the connection; -2: never answer (the client times out); otherwise the HTTP status to answer.</summary>
    public int DownWith { get; set; }

    public int Refused => Volatile.Read(ref refused);

    public Uri Url { get; private set; } = null!;

    public static async Task<RegistryGate> StartAsync(Uri target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var gate = new RegistryGate(builder.Build(), target);
        gate.app.Run(gate.HandleAsync);
        await gate.app.StartAsync();
        gate.Url = new Uri(gate.app.Urls.First());
        return gate;
    }

    public async ValueTask DisposeAsync()
    {
        forward.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var down = DownWith;
        if (down != 0)
        {
            Interlocked.Increment(ref refused);
            if (down == -2)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            if (down < 0)
            {
                context.Abort();
                return;
            }

            context.Response.StatusCode = down;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{{\"error_code\":{down}01,\"message\":\"unavailable\"}}"));
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        if (context.Request.ContentLength > 0 || context.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            request.Content = new ByteArrayContent(body.ToArray());
            request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        }

        using var response = await forward.SendAsync(request);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await context.Response.Body.WriteAsync(await response.Content.ReadAsByteArrayAsync());
    }
}
