namespace Etl.Scheduler.Hosting;

/// <summary>
/// Hangfire's PostgreSQL storage, this server's workers and the recurring jobs' schedules (section <c>Scheduler</c>).
/// Crons are Hangfire's: five fields (minute first) or six (seconds first), evaluated in UTC.
/// </summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "Scheduler";

    /// <summary>Npgsql connection string of the database that holds Hangfire's schema; every server of one deployment uses the same.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>PostgreSQL schema of Hangfire's tables, created at start when missing.</summary>
    public string SchemaName { get; set; } = "hangfire";

    /// <summary>Name of this server on the dashboard; empty uses the host name.</summary>
    public string ServerName { get; set; } = "";

    /// <summary>Jobs this server runs at once.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>
    /// How long a job fetched by a server stays invisible to the others. The running server keeps extending it
    /// (sliding), so a long job is never taken twice; when a server dies, another picks its job up after about this long.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Age at which a job lock (<c>[DisableConcurrentExecution]</c>) is presumed left behind by a dead server and removed
    /// by the next run waiting for it. Hangfire.PostgreSql never refreshes a held lock, so this is also how long a run
    /// may take before a colliding run stops waiting for it; the jobs are idempotent, so that costs work, not data.
    /// It must stay under the jobs' lock wait (<see cref="JobLockWait"/>), so a run recovered from a dead server gets
    /// the lock in its first attempt.
    /// </summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long every job waits for its lock (the <c>[DisableConcurrentExecution]</c> timeout of each job).</summary>
    public static readonly TimeSpan JobLockWait = TimeSpan.FromSeconds(JobLockWaitSeconds);

    public const int JobLockWaitSeconds = 90;

    /// <summary>How often an idle worker looks for enqueued jobs.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often recurring and retried jobs are checked for being due: a fire can be up to this late.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Cron of the per-minute rollup.</summary>
    public string MinuteRollupCron { get; set; } = "* * * * *";

    /// <summary>Cron of the hourly rollup.</summary>
    public string HourRollupCron { get; set; } = "2 * * * *";

    /// <summary>Cron of the daily rollup.</summary>
    public string DayRollupCron { get; set; } = "7 0 * * *";

    /// <summary>Cron of trend clustering: every window, 15 s after it closes so late tweets are in.</summary>
    public string TrendCron { get; set; } = "15 */5 * * * *";

    /// <summary>Cron of retention.</summary>
    public string RetentionCron { get; set; } = "17 3 * * *";

    /// <summary>Cron of DLQ re-drive; empty runs it only on demand (Recurring Jobs, "Trigger now").</summary>
    public string RedriveCron { get; set; } = "";

    /// <summary>Buckets before the current one recomputed by every rollup run, to take in late tweets.</summary>
    public int RollupLateBuckets { get; set; } = 5;

    /// <summary>Length of the trend clustering window; the trend cron should fire once per window.</summary>
    public TimeSpan TrendWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most tweets the trend job keeps per window (the window, and each baseline window on average). Above it the job
    /// keeps a deterministic sample by tweet id, the same share of every window, so memory stays bounded at any rate.
    /// </summary>
    public int TrendMaxTweetsPerWindow { get; set; } = 5000;

    /// <summary>False registers every job without a schedule (run on demand from the dashboard); tests use it.</summary>
    public bool ScheduleJobs { get; set; } = true;
}
