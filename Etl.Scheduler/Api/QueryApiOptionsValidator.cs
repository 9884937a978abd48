using Microsoft.Extensions.Options;

namespace Etl.Scheduler.Api;

/// <summary>Reports every problem in <see cref="QueryApiOptions"/> at once: the API never runs without a key.</summary>
public sealed class QueryApiOptionsValidator : IValidateOptions<QueryApiOptions>
{
    public const int MinKeyLength = 16;
    private const string Section = QueryApiOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, QueryApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ApiKey.Length < MinKeyLength)
        {
            failures.Add($"{Section}:ApiKey has {options.ApiKey.Length} characters; use at least {MinKeyLength} (env {Section}__ApiKey), e.g. from 'openssl rand -hex 24'.");
        }

        if (options.CacheEntries is < 1 or > 1_000_000)
        {
            failures.Add($"{Section}:CacheEntries {options.CacheEntries} is outside 1..1000000. Use e.g. 1000.");
        }

        if (options.CacheFor < TimeSpan.Zero || options.CacheFor > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:CacheFor {options.CacheFor} is outside 00:00:00..01:00:00. Use e.g. 00:00:15 (00:00:00 turns caching off).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
