using System.Linq.Expressions;
using Etl.Scheduler.Jobs;
using Etl.Scheduler.Rollups;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Etl.Scheduler.Hosting;

/// <summary>
/// Registers the recurring jobs at start. Every server of a deployment does the same; Hangfire's <c>AddOrUpdate</c>
/// takes a lock in storage and changes nothing when the job and cron are unchanged, so servers starting together
/// neither duplicate a job nor reset its next fire, and a cron changed in configuration takes effect at the next start.
/// </summary>
public sealed class RecurringJobRegistration(IRecurringJobManager recurring, IOptions<SchedulerOptions> options, ILogger<RecurringJobRegistration> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        Add<RollupJob>(JobNames.MinuteRollup, j => j.RunAsync(RollupInterval.Minute.Name, null, CancellationToken.None), o.MinuteRollupCron);
        Add<RollupJob>(JobNames.HourRollup, j => j.RunAsync(RollupInterval.Hour.Name, null, CancellationToken.None), o.HourRollupCron);
        Add<RollupJob>(JobNames.DayRollup, j => j.RunAsync(RollupInterval.Day.Name, null, CancellationToken.None), o.DayRollupCron);
        Add<TrendJob>(JobNames.TrendClustering, j => j.RunAsync(null, CancellationToken.None), o.TrendCron);
        Add<RetentionJob>(JobNames.Retention, j => j.RunAsync(CancellationToken.None), o.RetentionCron);
        Add<DeadLetterRedriveJob>(JobNames.DeadLetterRedrive, j => j.RunAsync(CancellationToken.None), o.RedriveCron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Add<T>(string id, Expression<Func<T, Task>> run, string cron)
    {
        // Without a schedule the job still appears under Recurring Jobs, where "Trigger now" runs it.
        var schedule = options.Value.ScheduleJobs && !string.IsNullOrWhiteSpace(cron) ? cron : Cron.Never();
        recurring.AddOrUpdate(id, run, schedule, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        logger.LogInformation("Recurring job {Job}: '{Cron}' (UTC).", id, schedule);
    }
}
