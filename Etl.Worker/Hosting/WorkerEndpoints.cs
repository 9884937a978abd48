using Etl.Worker.Observability;
using Etl.Worker.Pipeline;

namespace Etl.Worker.Hosting;

/// <summary><c>/healthz</c> (alive), <c>/readyz</c> (consuming and the sink answers) and <c>/metrics</c> (Prometheus).</summary>
public static class WorkerEndpoints
{
    public static WebApplication MapWorkerEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (IngestPipeline pipeline) =>
        {
            if (!pipeline.IsRunning)
            {
                return Results.Text("pipeline not running", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return pipeline.SinkAvailable
                ? Results.Text("ready")
                : Results.Text("sink unavailable; consumption paused", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/metrics", (PrometheusExporter exporter) => Results.Text(exporter.Scrape(), PrometheusExporter.ContentType));
        return app;
    }
}
