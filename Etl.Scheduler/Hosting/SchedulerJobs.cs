using Etl.Scheduler.Jobs;
using Etl.Scheduler.Rollups;
using Quartz;

namespace Etl.Scheduler.Hosting;

/// <summary>The project's jobs (durable, so they can be run on demand) and, unless turned off, their schedules.</summary>
public static class SchedulerJobs
{
    public static void Add(IQuartzBuilder quartz, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(options);
        Job<RollupJob>(quartz, JobNames.MinuteRollup, "Per-minute rollup of the last buckets", options.ScheduleJobs ? options.MinuteRollupCron : null,
            data => data[RollupJob.IntervalKey] = RollupInterval.Minute.Name);
        Job<RollupJob>(quartz, JobNames.HourRollup, "Per-hour rollup of the last buckets", options.ScheduleJobs ? options.HourRollupCron : null,
            data => data[RollupJob.IntervalKey] = RollupInterval.Hour.Name);
        Job<TrendJob>(quartz, JobNames.TrendClustering, "kNN trend clustering of the last window", options.ScheduleJobs ? options.TrendCron : null);
        Job<RetentionJob>(quartz, JobNames.Retention, "Deletes monthly tweets indices older than the retention age", options.ScheduleJobs ? options.RetentionCron : null);
        Job<DeadLetterRedriveJob>(quartz, JobNames.DeadLetterRedrive, "Sends dead letters that can now succeed back to tweets.raw (on demand)", cron: null);
    }

    /// <summary>The cron schedules the options ask for, by trigger key (empty when schedules are off).</summary>
    public static IReadOnlyDictionary<TriggerKey, string> CronSchedules(SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.ScheduleJobs)
        {
            return new Dictionary<TriggerKey, string>();
        }

        return new Dictionary<TriggerKey, string>
        {
            [TriggerKeyOf(JobNames.MinuteRollup)] = options.MinuteRollupCron,
            [TriggerKeyOf(JobNames.HourRollup)] = options.HourRollupCron,
            [TriggerKeyOf(JobNames.TrendClustering)] = options.TrendCron,
            [TriggerKeyOf(JobNames.Retention)] = options.RetentionCron,
        };
    }

    public static TriggerKey TriggerKeyOf(string job) => new(job + "-schedule", JobNames.Group);

    private static void Job<T>(IQuartzBuilder quartz, string name, string description, string? cron, Action<JobDataMap>? data = null)
        where T : IJob
    {
        var key = new JobKey(name, JobNames.Group);
        quartz.AddJob<T>(job =>
        {
            job.WithIdentity(key).WithDescription(description).StoreDurably().RequestRecovery();
            if (data is not null)
            {
                var map = new JobDataMap();
                data(map);
                job.UsingJobData(map);
            }
        });
        if (cron is not null)
        {
            quartz.AddTrigger(trigger => trigger
                .ForJob(key)
                .WithIdentity(TriggerKeyOf(name))
                .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc)));
        }
    }
}
