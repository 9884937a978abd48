using Hangfire.Server;

namespace Etl.Scheduler.Jobs;

/// <summary>
/// The instant a run works "as of": when Hangfire created the job, not when a worker got to it. A retried or
/// recovered run keeps its job's creation time, so it computes the same buckets and windows and writes the same
/// documents as the first attempt would have.
/// </summary>
public static class JobClock
{
    public static DateTimeOffset AsOf(PerformContext? context, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return context?.BackgroundJob?.CreatedAt is { } created
            ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc))
            : clock.GetUtcNow();
    }
}
