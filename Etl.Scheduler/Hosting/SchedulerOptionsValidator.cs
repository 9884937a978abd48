using Cronos;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Etl.Scheduler.Hosting;

/// <summary>Reports every problem in <see cref="SchedulerOptions"/> at once, each with the key and the fix.</summary>
public sealed class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
{
    private const string Section = SchedulerOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Section}:ConnectionString is empty. Set it (env Scheduler__ConnectionString), e.g. Host=postgres;Database=etl_scheduler;Username=etl;Password=...");
        }
        else
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException ex)
            {
                failures.Add($"{Section}:ConnectionString is not an Npgsql connection string ({ex.Message}). Use Host=...;Database=...;Username=...;Password=...");
            }
        }

        if (string.IsNullOrWhiteSpace(options.SchemaName) || !options.SchemaName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            failures.Add($"{Section}:SchemaName '{options.SchemaName}' must be a lower-case PostgreSQL identifier (a-z, 0-9, _), e.g. hangfire.");
        }

        if (options.WorkerCount is < 1 or > 64)
        {
            failures.Add($"{Section}:WorkerCount {options.WorkerCount} is outside 1..64. Use e.g. 4.");
        }

        Between(failures, nameof(options.InvisibilityTimeout), options.InvisibilityTimeout, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), "00:01:00");
        Between(failures, nameof(options.DistributedLockTimeout), options.DistributedLockTimeout, TimeSpan.FromSeconds(5), SchedulerOptions.JobLockWait - TimeSpan.FromSeconds(10), "00:01:00");
        Between(failures, nameof(options.QueuePollInterval), options.QueuePollInterval, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(5), "00:00:05");
        Between(failures, nameof(options.SchedulePollingInterval), options.SchedulePollingInterval, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(5), "00:00:15");
        Cron(failures, nameof(options.MinuteRollupCron), options.MinuteRollupCron);
        Cron(failures, nameof(options.HourRollupCron), options.HourRollupCron);
        Cron(failures, nameof(options.DayRollupCron), options.DayRollupCron);
        Cron(failures, nameof(options.TrendCron), options.TrendCron);
        Cron(failures, nameof(options.RetentionCron), options.RetentionCron);
        if (!string.IsNullOrWhiteSpace(options.RedriveCron))
        {
            Cron(failures, nameof(options.RedriveCron), options.RedriveCron);
        }

        if (options.RollupLateBuckets is < 0 or > 1000)
        {
            failures.Add($"{Section}:RollupLateBuckets {options.RollupLateBuckets} is outside 0..1000. Use e.g. 5.");
        }

        Between(failures, nameof(options.TrendWindow), options.TrendWindow, TimeSpan.FromSeconds(10), TimeSpan.FromDays(1), "00:05:00");
        if (options.TrendMaxTweetsPerWindow is < 100 or > 1_000_000)
        {
            failures.Add($"{Section}:TrendMaxTweetsPerWindow {options.TrendMaxTweetsPerWindow} is outside 100..1000000. Use e.g. 5000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Parses a cron the way Hangfire reads it: six fields mean seconds first.</summary>
    public static bool TryParseCron(string expression, out CronExpression? cron)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CronExpression.TryParse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard, out cron);
    }

    private static void Cron(List<string> failures, string key, string expression)
    {
        if (!TryParseCron(expression ?? "", out _))
        {
            failures.Add($"{Section}:{key} '{expression}' is not a cron expression. Use five fields (minute first), e.g. '*/5 * * * *', or six (seconds first), e.g. '15 */5 * * * *'.");
        }
    }

    private static void Between(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max, string example)
    {
        if (value < min || value > max)
        {
            failures.Add($"{Section}:{key} {value} is outside {min}..{max}. Use e.g. {example}.");
        }
    }
}
