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
        LibrdkafkaLoader.EnsureLoaded();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.WebHost.ConfigureKestrel(k => k.ListenAnyIP(settings.Observability.Port));
        builder.Services.AddWorkerServices(settings);
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        // The exporter only sees measurements made after it starts listening: start it before the pipeline.
        app.Services.GetRequiredService<Observability.PrometheusExporter>();
        app.MapWorkerEndpoints();
        return app;
    }
}
