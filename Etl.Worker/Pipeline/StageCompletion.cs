using System.Threading.Channels;

namespace Etl.Worker.Pipeline;

/// <summary>How a stage ends: when all its loops have finished, its output completes — with the first loop's error, so
/// the next stage sees the failure instead of a quiet end — and the returned task carries the loops' outcome.</summary>
internal static class StageCompletion
{
    public static Task CompleteWhenDone<T>(ChannelWriter<T> output, params Task[] loops) =>
        Task.WhenAll(loops).ContinueWith(
            t =>
            {
                output.TryComplete(t.Exception?.InnerException);
                return t;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
}
