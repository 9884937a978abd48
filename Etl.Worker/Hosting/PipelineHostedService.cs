using Etl.Worker.Pipeline;

namespace Etl.Worker.Hosting;

/// <summary>
/// Runs the ingest pipeline for the life of the host; a clean stop lets what is in flight finish (the drain timeout,
/// once), commits and leaves the group. When a stage fails, the exception ends this service, which stops the host
/// (the default <see cref="BackgroundServiceExceptionBehavior.StopHost"/>), and <c>run</c> exits non-zero.
/// </summary>
public sealed class PipelineHostedService(IngestPipeline pipeline, ILogger<PipelineHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start after the host has started, so the health endpoints answer while Kafka connects.
        await Task.Yield();
        logger.LogInformation("Pipeline starting");
        try
        {
            await pipeline.RunAsync(stoppingToken);
        }
        finally
        {
            logger.LogInformation("Pipeline stopped; {InFlight} records left uncommitted", pipeline.InFlight);
        }
    }
}
