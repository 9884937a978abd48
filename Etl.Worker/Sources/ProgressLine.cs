namespace Etl.Worker.Sources;

/// <summary>Redraws one status line (carriage return, no newline) while a source runs in a terminal.</summary>
public static class ProgressLine
{
    public static async Task RunAsync(SourceMetrics metrics, TextWriter output, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(output);
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await output.WriteAsync("\r" + metrics.Describe().PadRight(120));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync();
        }
    }
}
