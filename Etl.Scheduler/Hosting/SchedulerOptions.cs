namespace Etl.Scheduler.Hosting;

/// <summary>The scheduler's store, cluster membership and job schedules (section <c>Scheduler</c>).</summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "Scheduler";

    /// <summary>Npgsql connection string of the PostgreSQL database that holds the Quartz store and job history.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>This node's id in the cluster; <c>AUTO</c> derives a unique one from host name and time.</summary>
    public string InstanceId { get; set; } = "AUTO";

    /// <summary>Scheduler name shared by every node of one cluster.</summary>
    public string SchedulerName { get; set; } = "etl-scheduler";

    /// <summary>How often a node reports alive; a node silent for longer (plus the threshold) is presumed dead and its jobs recovered.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Slack on top of <see cref="CheckinInterval"/> before a silent node is presumed dead.</summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Worker threads per node.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Cron (Quartz syntax, seconds first) of the minute rollup.</summary>
    public string MinuteRollupCron { get; set; } = "0 * * * * ?";

    /// <summary>Cron of the hour rollup.</summary>
    public string HourRollupCron { get; set; } = "30 1 * * * ?";

    /// <summary>Buckets before the current one recomputed by every rollup run, to take in late tweets.</summary>
    public int RollupLateBuckets { get; set; } = 5;

    /// <summary>Cron of trend clustering (every 5 minutes, just after the window closes).</summary>
    public string TrendCron { get; set; } = "15 0/5 * * * ?";

    /// <summary>Length of the trend clustering window.</summary>
    public TimeSpan TrendWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Cron of retention.</summary>
    public string RetentionCron { get; set; } = "0 17 3 * * ?";

    /// <summary>Monthly tweets indices whose month ended longer ago than this are deleted.</summary>
    public TimeSpan RetentionAge { get; set; } = TimeSpan.FromDays(90);

    /// <summary>False leaves the schedules out (jobs can still be run from the console); tests use it.</summary>
    public bool ScheduleJobs { get; set; } = true;
}
