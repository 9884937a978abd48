using Microsoft.Extensions.Options;

namespace Etl.Kafka.Registry;

/// <summary>Checks <see cref="SchemaRegistryOptions"/> at start-up and reports every problem at once.</summary>
public sealed class SchemaRegistryOptionsValidator : IValidateOptions<SchemaRegistryOptions>
{
    private const string Section = SchemaRegistryOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SchemaRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var urls = options.Urls();
        if (urls.Count == 0)
        {
            failures.Add($"{Section}:Url is empty; set it to e.g. http://schema-registry:8081 (several URLs: separate them with commas).");
        }

        foreach (var entry in urls)
        {
            if (!Uri.TryCreate(entry, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{Section}:Url entry '{entry}' is not an absolute http(s) URL; use e.g. http://schema-registry:8081.");
            }
        }

        if (!string.IsNullOrEmpty(options.BasicAuthUserInfo) && !options.BasicAuthUserInfo.Contains(':', StringComparison.Ordinal))
        {
            failures.Add($"{Section}:BasicAuthUserInfo must be 'user:password' (no ':' found); leave it empty for no authentication.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"{Section}:RequestTimeout is {options.RequestTimeout}; it must be positive, e.g. 00:00:10.");
        }

        if (options.MaxRetries is < 1 or > 20)
        {
            // Confluent's client 2.16 fails every request with a NullReferenceException at 0 (measured).
            failures.Add($"{Section}:MaxRetries is {options.MaxRetries}; use 1 to 20 (Confluent's client does not work with 0).");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"{Section}:RetryBaseDelay is {options.RetryBaseDelay}; it must not be negative, e.g. 00:00:00.200.");
        }

        if (options.RetryMaxDelay < options.RetryBaseDelay || options.RetryMaxDelay.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"{Section}:RetryMaxDelay is {options.RetryMaxDelay}; it must be at least RetryBaseDelay ({options.RetryBaseDelay}).");
        }

        if (options.MaxCachedSchemas < 1)
        {
            failures.Add($"{Section}:MaxCachedSchemas is {options.MaxCachedSchemas}; it must be at least 1, e.g. 1000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
