using Microsoft.Extensions.Options;

namespace Etl.Scheduler.Dashboard;

/// <summary>Reports every problem in <see cref="DashboardAccessOptions"/> at once: the dashboard never runs unprotected.</summary>
public sealed class DashboardAccessOptionsValidator : IValidateOptions<DashboardAccessOptions>
{
    public const int MinPasswordLength = 8;
    private const string Section = DashboardAccessOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, DashboardAccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        User(failures, nameof(options.Username), options.Username, required: true);
        Password(failures, nameof(options.Password), options.Password);
        var readOnly = !string.IsNullOrEmpty(options.ReadOnlyUsername) || !string.IsNullOrEmpty(options.ReadOnlyPassword);
        if (readOnly)
        {
            User(failures, nameof(options.ReadOnlyUsername), options.ReadOnlyUsername, required: true);
            Password(failures, nameof(options.ReadOnlyPassword), options.ReadOnlyPassword);
            if (string.Equals(options.ReadOnlyUsername, options.Username, StringComparison.Ordinal))
            {
                failures.Add($"{Section}:ReadOnlyUsername '{options.ReadOnlyUsername}' is the operator's name too. Give the read-only user a name of its own.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void User(List<string> failures, string key, string value, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{Section}:{key} is empty. Set it (env {Section}__{key}); the dashboard requires a login.");
        }
        else if (value.Contains(':', StringComparison.Ordinal))
        {
            failures.Add($"{Section}:{key} '{value}' contains ':', which HTTP Basic cannot carry. Choose a name without ':'.");
        }
    }

    private static void Password(List<string> failures, string key, string value)
    {
        if (value.Length < MinPasswordLength)
        {
            failures.Add($"{Section}:{key} has {value.Length} characters; use at least {MinPasswordLength} (env {Section}__{key}).");
        }
    }
}
