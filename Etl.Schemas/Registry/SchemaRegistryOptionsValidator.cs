using Microsoft.Extensions.Options;

namespace Etl.Schemas.Registry;

/// <summary>Checks <see cref="SchemaRegistryOptions"/> at start-up and reports every problem at once.</summary>
public sealed class SchemaRegistryOptionsValidator : IValidateOptions<SchemaRegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, SchemaRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{SchemaRegistryOptions.SectionName}:Url '{options.Url}' is not an absolute http(s) URL; set it to e.g. http://schema-registry:8081.");
        }

        if (!string.IsNullOrEmpty(options.BasicAuthUserInfo) && !options.BasicAuthUserInfo.Contains(':', StringComparison.Ordinal))
        {
            failures.Add($"{SchemaRegistryOptions.SectionName}:BasicAuthUserInfo must be 'user:password' (no ':' found); leave it empty for no authentication.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{SchemaRegistryOptions.SectionName}:RequestTimeout is {options.RequestTimeout}; it must be positive, e.g. 00:00:10.");
        }

        if (options.MaxRetries is < 0 or > 20)
        {
            failures.Add($"{SchemaRegistryOptions.SectionName}:MaxRetries is {options.MaxRetries}; use 0 to 20.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            failures.Add($"{SchemaRegistryOptions.SectionName}:RetryBaseDelay is {options.RetryBaseDelay}; it must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
