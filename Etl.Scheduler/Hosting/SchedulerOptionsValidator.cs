using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Etl.Scheduler.Hosting;

/// <summary>Reports every problem in <see cref="SchedulerOptions"/> at once, each with the fix.</summary>
public sealed class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string section = SchedulerOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{section}:ConnectionString is empty. Set it (env Scheduler__ConnectionString), e.g. Host=postgres;Database=scheduler;Username=etl;Password=...");
        }
        else
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException ex)
            {
                failures.Add($"{section}:ConnectionString is not an Npgsql connection string ({ex.Message}). Use Host=...;Database=...;Username=...;Password=...");
            }
        }

        if (string.IsNullOrWhiteSpace(options.InstanceId))
        {
            failures.Add($"{section}:InstanceId is empty. Use AUTO or a name unique in the cluster, e.g. scheduler-1.");
        }

        if (string.IsNullOrWhiteSpace(options.SchedulerName))
        {
            failures.Add($"{section}:SchedulerName is empty. Every node of one cluster uses the same name, e.g. etl-scheduler.");
        }

        if (options.CheckinInterval < TimeSpan.FromMilliseconds(500) || options.CheckinInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{section}:CheckinInterval {options.CheckinInterval} is outside 00:00:00.5..00:05:00. Use e.g. 00:00:10.");
        }

        if (options.CheckinMisfireThreshold < TimeSpan.FromMilliseconds(500))
        {
            failures.Add($"{section}:CheckinMisfireThreshold {options.CheckinMisfireThreshold} is below 0.5 s. Use e.g. 00:00:10.");
        }

        if (options.MaxConcurrency is < 1 or > 64)
        {
            failures.Add($"{section}:MaxConcurrency {options.MaxConcurrency} is outside 1..64. Use e.g. 4.");
        }

        Cron(failures, nameof(options.MinuteRollupCron), options.MinuteRollupCron);
        Cron(failures, nameof(options.HourRollupCron), options.HourRollupCron);
        Cron(failures, nameof(options.TrendCron), options.TrendCron);
        Cron(failures, nameof(options.RetentionCron), options.RetentionCron);
        if (options.RollupLateBuckets is < 0 or > 1000)
        {
            failures.Add($"{section}:RollupLateBuckets {options.RollupLateBuckets} is outside 0..1000. Use e.g. 5.");
        }

        if (options.TrendWindow < TimeSpan.FromSeconds(10) || options.TrendWindow > TimeSpan.FromDays(1))
        {
            failures.Add($"{section}:TrendWindow {options.TrendWindow} is outside 00:00:10..1.00:00:00. Use e.g. 00:05:00.");
        }

        if (options.RetentionAge < TimeSpan.FromDays(1))
        {
            failures.Add($"{section}:RetentionAge {options.RetentionAge} is under a day, which would delete the current month's tweets. Use e.g. 90.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Cron(List<string> failures, string key, string expression)
    {
        if (!CronExpression.TryParse(expression, out _))
        {
            failures.Add($"{SchedulerOptions.SectionName}:{key} '{expression}' is not a Quartz cron expression (seconds first). Use e.g. '0 * * * * ?'.");
        }
    }
}
