namespace Etl.Worker.Indexing;

/// <summary>
/// Exponential backoff with "equal" jitter: half of min(max, base·2^attempt) fixed, the other half random. The
/// random half spreads workers that failed together; the fixed half keeps a struggling server from being hammered.
/// </summary>
public sealed class RetryBackoff
{
    private readonly TimeSpan baseDelay;
    private readonly TimeSpan maxDelay;
    private readonly Random random;

    public RetryBackoff(TimeSpan baseDelay, TimeSpan maxDelay, Random? random = null)
    {
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.random = random ?? Random.Shared;
    }

    /// <summary>The delay before retry number <paramref name="attempt"/> (0 for the first retry).</summary>
    public TimeSpan Delay(int attempt)
    {
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt, 0, 30)));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (random.NextDouble() * ceiling / 2));
    }
}
