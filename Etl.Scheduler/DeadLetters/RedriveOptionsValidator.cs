using Etl.Kafka.Configuration;
using Microsoft.Extensions.Options;

namespace Etl.Scheduler.DeadLetters;

/// <summary>Reports every problem with <see cref="RedriveOptions"/> at once, the connection keys included.</summary>
public sealed class RedriveOptionsValidator : IValidateOptions<RedriveOptions>
{
    public ValidateOptionsResult Validate(string? name, RedriveOptions options)
    {
        const string k = RedriveOptions.SectionName;
        var failures = KafkaConnectionValidator.Validate(options, k);
        if (options.MaxRedrives is < 1 or > 100)
        {
            failures.Add($"{k}:MaxRedrives is {options.MaxRedrives}; use 1 to 100 (how many times one record may be re-driven), e.g. 3.");
        }

        if (options.DrainTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{k}:DrainTimeout is {options.DrainTimeout}; use a positive duration, e.g. 00:00:05.");
        }

        if (string.IsNullOrWhiteSpace(options.RedriveGroupId))
        {
            failures.Add($"{k}:RedriveGroupId is empty; set the consumer group re-drive commits under, e.g. 'etl-scheduler-redrive'.");
        }

        if (string.IsNullOrWhiteSpace(options.DeadLetterTopic) || string.IsNullOrWhiteSpace(options.RawTopic))
        {
            failures.Add($"{k}:DeadLetterTopic and {k}:RawTopic must both be set, e.g. 'tweets.dlq' and 'tweets.raw'.");
        }
        else if (string.Equals(options.DeadLetterTopic, options.RawTopic, StringComparison.Ordinal))
        {
            failures.Add($"{k}:DeadLetterTopic and {k}:RawTopic are both '{options.RawTopic}'; re-drive would read what it writes. Use two topics.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
