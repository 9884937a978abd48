namespace Etl.Worker.Indexing;

/// <summary>Exponential backoff with full jitter: a random delay in [0, min(max, base·2^attempt)].</summary>
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
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        // Never zero: a tight loop against a struggling server is what backoff exists to prevent.
        var ms = Math.Max(baseDelay.TotalMilliseconds / 4, random.NextDouble() * ceiling);
        return TimeSpan.FromMilliseconds(ms);
    }
}
