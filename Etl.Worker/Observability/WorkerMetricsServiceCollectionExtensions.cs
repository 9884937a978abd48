using OpenTelemetry.Metrics;

namespace Etl.Worker.Observability;

/// <summary>The worker's metrics: <see cref="PipelineMetrics"/>' instruments, collected by the OpenTelemetry SDK and served at <c>/metrics</c>.</summary>
public static class WorkerMetricsServiceCollectionExtensions
{
    /// <param name="services">The host's services.</param>
    /// <param name="meterName">Tests give each host its own meter so parallel tests do not mix their figures.</param>
    public static IServiceCollection AddWorkerMetrics(this IServiceCollection services, string meterName = MetricNames.MeterName)
    {
        services.AddSingleton(sp => new PipelineMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>(), meterName));
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(meterName)
            // Scrapes read the figures of the moment; Prometheus decides how often to ask.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>Serves the Prometheus text format at <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapWorkerMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }
}
