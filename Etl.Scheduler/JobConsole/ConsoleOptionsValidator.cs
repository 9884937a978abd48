using Microsoft.Extensions.Options;

namespace Etl.Scheduler.JobConsole;

/// <summary>Reports every problem in <see cref="ConsoleOptions"/> at once: the console never runs unprotected.</summary>
public sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    private const int MinPasswordLength = 8;

    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string section = ConsoleOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.Username))
        {
            failures.Add($"{section}:Username is empty. Set it (env Console__Username); the job console requires a login.");
        }
        else if (options.Username.Contains(':', StringComparison.Ordinal))
        {
            failures.Add($"{section}:Username '{options.Username}' contains ':', which HTTP Basic cannot carry. Choose a name without ':'.");
        }

        if (options.Password.Length < MinPasswordLength)
        {
            failures.Add($"{section}:Password has {options.Password.Length} characters; use at least {MinPasswordLength} (env Console__Password).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
