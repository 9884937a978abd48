using Etl.Kafka.Native;

namespace Etl.Worker.Hosting;

/// <summary>Builds the <c>etl-worker run</c> host: the pipeline plus its HTTP endpoints on the observability port.</summary>
public static class WorkerHost
{
    /// <param name="settings">Validated settings.</param>
    /// <param name="configureServices">Replaces registrations after the defaults (tests swap the registry or sinks).</param>
    public static WebApplication Build(WorkerSettings settings, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        LibrdkafkaCheck.Ensure();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.WebHost.ConfigureKestrel(k => k.ListenAnyIP(settings.Observability.Port));
        builder.Services.AddWorkerServices(settings);
        // The pipeline's stop is bounded by its drain timeout (once); the host must wait that long, plus closing.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.Pipeline.DrainTimeout + TimeSpan.FromSeconds(10));
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        // The SDK only sees measurements made after it starts listening: build it before the pipeline starts.
        app.Services.GetRequiredService<OpenTelemetry.Metrics.MeterProvider>();
        app.MapWorkerEndpoints();
        return app;
    }

    /// <summary>
    /// Runs the host until it stops; the exit code is 0 for a requested stop and 1 when the pipeline failed, so an
    /// orchestrator restarts the worker.
    /// </summary>
    public static async Task<int> RunAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var pipeline = app.Services.GetRequiredService<Pipeline.IngestPipeline>();
        await app.RunAsync(cancellationToken);
        if (pipeline.Health.Failure is { } failure)
        {
            await Console.Error.WriteLineAsync(failure.Message);
            return 1;
        }

        return 0;
    }
}
