using Etl.Worker.Observability;
using Etl.Worker.Pipeline;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>A pipeline running for one test; disposing stops it (a bounded wait) and releases what it holds.</summary>
internal sealed class RunningPipeline : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly IDisposable[] owned;

    public RunningPipeline(IngestPipeline pipeline, PipelineMetrics metrics, params IDisposable[] owned)
    {
        Pipeline = pipeline;
        Metrics = metrics;
        this.owned = owned;
        Run = pipeline.RunAsync(stop.Token);
    }

    public IngestPipeline Pipeline { get; }

    public PipelineMetrics Metrics { get; }

    public Task Run { get; }

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Run.IsCompleted)
        {
            // A test that failed may leave the pipeline wedged; abandon it rather than hang the run.
            Pipeline.Abort();
            await stop.CancelAsync();
            await Run.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Pipeline.Dispose();
        foreach (var o in owned)
        {
            o.Dispose();
        }

        stop.Dispose();
    }
}
