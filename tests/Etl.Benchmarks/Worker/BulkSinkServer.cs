using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Etl.Benchmarks.Worker;

/// <summary>
/// A local HTTP endpoint that takes <c>_bulk</c> bodies, reads every byte, and acknowledges every action line with
/// 201 — the cheapest honest peer, so the benchmark measures the worker, not a search engine.
/// </summary>
internal sealed class BulkSinkServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private long bytes;
    private long documents;

    private BulkSinkServer(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    public long Bytes => Interlocked.Read(ref bytes);

    public long Documents => Interlocked.Read(ref documents);

    public static async Task<BulkSinkServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new BulkSinkServer(app);
        app.MapPost("/_bulk", server.HandleAsync);
        // The official client refuses answers without Elasticsearch's product header.
        app.Use(async (context, next) =>
        {
            context.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
            await next(context);
        });
        app.MapGet("/_cluster/health", () => Results.Text("""{"cluster_name":"bench","status":"green","number_of_nodes":1,"active_shards":1,"unassigned_shards":0,"timed_out":false}""", "application/json"));
        await app.StartAsync();
        server.Url = new Uri(app.Urls.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var lines = 0L;
        var read = 0L;
        // A gzipped body (Elasticsearch:Gzip=true) is counted after decompression, as Elasticsearch reads it.
        var reader = context.Request.Headers.ContentEncoding == "gzip"
            ? System.IO.Pipelines.PipeReader.Create(new System.IO.Compression.GZipStream(context.Request.Body, System.IO.Compression.CompressionMode.Decompress))
            : context.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync();
            foreach (var segment in result.Buffer)
            {
                lines += segment.Span.Count((byte)'\n');
                read += segment.Length;
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        var items = lines / 2;
        Interlocked.Add(ref bytes, read);
        Interlocked.Add(ref documents, items);
        var response = new StringBuilder("{\"took\":1,\"errors\":false,\"items\":[");
        for (var i = 0; i < items; i++)
        {
            response.Append(i == 0 ? "" : ",").Append("{\"index\":{\"_index\":\"tweets\",\"status\":201,\"result\":\"created\"}}");
        }

        response.Append("]}");
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToString());
    }
}
