using Microsoft.Extensions.Options;

namespace Etl.Worker.Sources.X;

/// <summary>Reports every problem in <see cref="XStreamOptions"/> at once, each naming the key and the fix.</summary>
public sealed class XStreamOptionsValidator : IValidateOptions<XStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, XStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{XStreamOptions.SectionName}:BaseUrl '{options.BaseUrl}' is not an http(s) address; use https://api.x.com or your proxy's address.");
        }

        Positive(options.StallTimeout, "StallTimeout", problems);
        Positive(options.NetworkBackoffStep, "NetworkBackoffStep", problems);
        Positive(options.HttpBackoffStart, "HttpBackoffStart", problems);
        Positive(options.RateLimitBackoffStart, "RateLimitBackoffStart", problems);
        AtLeast(options.NetworkBackoffMax, options.NetworkBackoffStep, "NetworkBackoffMax", "NetworkBackoffStep", problems);
        AtLeast(options.HttpBackoffMax, options.HttpBackoffStart, "HttpBackoffMax", "HttpBackoffStart", problems);
        AtLeast(options.RateLimitBackoffMax, options.RateLimitBackoffStart, "RateLimitBackoffMax", "RateLimitBackoffStart", problems);
        if (options.HandoffCapacity < 1)
        {
            problems.Add($"{XStreamOptions.SectionName}:HandoffCapacity {options.HandoffCapacity} must be at least 1 (50000 is the default).");
        }

        foreach (var (key, value) in new[] { ("TweetFields", options.TweetFields), ("Expansions", options.Expansions), ("UserFields", options.UserFields), ("PlaceFields", options.PlaceFields) })
        {
            if (value.Any(char.IsWhiteSpace))
            {
                problems.Add($"{XStreamOptions.SectionName}:{key} '{value}' contains spaces; X expects a comma-separated list without spaces.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Positive(TimeSpan value, string key, List<string> problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"{XStreamOptions.SectionName}:{key} {value} must be positive (for example 00:00:20).");
        }
    }

    private static void AtLeast(TimeSpan max, TimeSpan start, string maxKey, string startKey, List<string> problems)
    {
        if (max < start)
        {
            problems.Add($"{XStreamOptions.SectionName}:{maxKey} {max} is below {startKey} {start}; raise it.");
        }
    }
}
