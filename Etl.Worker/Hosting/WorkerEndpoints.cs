using Etl.Worker.Observability;
using Etl.Worker.Pipeline;

namespace Etl.Worker.Hosting;

/// <summary><c>/healthz</c> (alive), <c>/readyz</c> (consuming, every dependency answering, no stage failed) and <c>/metrics</c> (Prometheus).</summary>
public static class WorkerEndpoints
{
    public static WebApplication MapWorkerEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (IngestPipeline pipeline) =>
        {
            if (pipeline.Health.Failure is { } failure)
            {
                return Results.Text(failure.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            if (!pipeline.IsRunning)
            {
                return Results.Text("pipeline not running", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return pipeline.Health.Problem() is { } problem
                ? Results.Text(problem, statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Text("ready");
        });
        app.MapWorkerMetrics();
        return app;
    }
}
