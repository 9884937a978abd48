using Microsoft.Extensions.Options;
using Quartz;

namespace Etl.Scheduler.Hosting;

/// <summary>
/// Applies a cron schedule changed in configuration to the stored trigger. Declared triggers never replace stored
/// ones (see <see cref="SchedulerServiceCollectionExtensions"/>), so without this a new cron would never take effect.
/// </summary>
public sealed class CronScheduleSync(ISchedulerFactory schedulers, IOptions<SchedulerOptions> options, ILogger<CronScheduleSync> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var (key, cron) in SchedulerJobs.CronSchedules(options.Value))
        {
            if (await scheduler.GetTrigger(key, cancellationToken) is ICronTrigger stored && stored.CronExpressionString != cron)
            {
                var replacement = TriggerBuilder.Create()
                    .WithIdentity(key)
                    .ForJob(stored.JobKey)
                    .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc))
                    .Build();
                await scheduler.RescheduleJob(key, replacement, cancellationToken);
                logger.LogInformation("Schedule of {Trigger} changed from '{Old}' to '{New}'.", key, stored.CronExpressionString, cron);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
