namespace Etl.Scheduler.Tests.Jobs;

/// <summary>A clock standing at one instant, so a job's windows and buckets are known to the test.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
