namespace Etl.Worker.Sources.X;

/// <summary>
/// X's reconnection guidance as one pure state machine: linear for network errors, exponential for HTTP errors,
/// exponential from a minute for 429 (never before <c>x-rate-limit-reset</c>), immediately after an established
/// connection drops. Attempts count per kind and start over once a connection delivers data.
/// </summary>
public sealed class XBackoff(XStreamOptions options)
{
    private int networkAttempts;
    private int httpAttempts;
    private int rateLimitAttempts;

    /// <summary>The connection delivered data (a post or a keep-alive): the next failure starts from the first step.</summary>
    public void Established()
    {
        networkAttempts = 0;
        httpAttempts = 0;
        rateLimitAttempts = 0;
    }

    /// <summary>
    /// How long to wait before reconnecting after <paramref name="kind"/> at <paramref name="now"/>;
    /// <paramref name="rateLimitReset"/> is the 429 answer's <c>x-rate-limit-reset</c>, if it had one.
    /// </summary>
    public TimeSpan Next(XFailureKind kind, DateTimeOffset now, DateTimeOffset? rateLimitReset = null)
    {
        switch (kind)
        {
            case XFailureKind.Dropped:
                return TimeSpan.Zero;
            case XFailureKind.Network:
                networkAttempts++;
                return Min(options.NetworkBackoffStep * networkAttempts, options.NetworkBackoffMax);
            case XFailureKind.Http:
                httpAttempts++;
                return Exponential(options.HttpBackoffStart, httpAttempts, options.HttpBackoffMax);
            case XFailureKind.RateLimited:
                rateLimitAttempts++;
                var delay = Exponential(options.RateLimitBackoffStart, rateLimitAttempts, options.RateLimitBackoffMax);
                var untilReset = rateLimitReset is { } reset ? reset - now : TimeSpan.Zero;
                return untilReset > delay ? untilReset : delay;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown failure kind.");
        }
    }

    private static TimeSpan Exponential(TimeSpan start, int attempt, TimeSpan max) =>
        Min(start * Math.Pow(2, Math.Min(attempt - 1, 30)), max);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
