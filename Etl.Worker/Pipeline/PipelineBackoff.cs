using Polly;
using Polly.Retry;

namespace Etl.Worker.Pipeline;

/// <summary>
/// The back-off every stage uses while a dependency is down: exponential from <see cref="PipelineOptions.RetryBaseDelay"/>
/// to <see cref="PipelineOptions.RetryMaxDelay"/>, with jitter, for as long as it takes — the record is not at fault.
/// </summary>
internal static class PipelineBackoff
{
    public static TRetry UntilItWorks<TRetry, TResult>(TRetry retry, PipelineOptions options)
        where TRetry : RetryStrategyOptions<TResult>
    {
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(options);
        retry.MaxRetryAttempts = int.MaxValue;
        retry.BackoffType = DelayBackoffType.Exponential;
        retry.UseJitter = true;
        retry.Delay = options.RetryBaseDelay;
        retry.MaxDelay = options.RetryMaxDelay;
        return retry;
    }
}
