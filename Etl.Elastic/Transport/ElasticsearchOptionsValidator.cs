using Microsoft.Extensions.Options;

namespace Etl.Elastic.Transport;

/// <summary>Reports every problem in <see cref="ElasticsearchOptions"/> at once, each with the fix.</summary>
public sealed class ElasticsearchOptionsValidator : IValidateOptions<ElasticsearchOptions>
{
    public ValidateOptionsResult Validate(string? name, ElasticsearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = ElasticsearchOptions.SectionName;

        var nodes = options.NodeUrls();
        if (nodes.Count == 0)
        {
            failures.Add($"{section}:Url is empty. Set it to the cluster address, e.g. http://localhost:9200.");
        }

        var anyHttps = false;
        foreach (var url in nodes)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{section}:Url '{url}' is not an absolute http:// or https:// address. Use e.g. https://es01:9200.");
                continue;
            }

            anyHttps |= uri.Scheme == Uri.UriSchemeHttps;
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                failures.Add($"{section}:Url '{url}' has a query or fragment. Give only scheme, host, port and an optional path prefix.");
            }
        }

        var hasApiKey = !string.IsNullOrWhiteSpace(options.ApiKey);
        var hasUser = !string.IsNullOrWhiteSpace(options.Username);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        if (hasApiKey && (hasUser || hasPassword))
        {
            failures.Add($"{section}:ApiKey and {section}:Username/Password are both set. Use one: remove the key or the user.");
        }

        if (hasUser && !hasPassword)
        {
            failures.Add($"{section}:Username '{options.Username}' has no {section}:Password. Set the password or remove the username.");
        }

        if (hasPassword && !hasUser)
        {
            failures.Add($"{section}:Password is set without {section}:Username. Set the username (e.g. elastic).");
        }

        if (!string.IsNullOrWhiteSpace(options.CaFile))
        {
            if (!File.Exists(options.CaFile))
            {
                failures.Add($"{section}:CaFile '{options.CaFile}' does not exist. Point it at the PEM file of the cluster's CA (e.g. certs/ca/ca.crt).");
            }

            if (nodes.Count > 0 && !anyHttps)
            {
                failures.Add($"{section}:CaFile is set but no Url uses https. Use https:// addresses or remove CaFile.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.CertificateFingerprint))
        {
            var hex = options.CertificateFingerprint.Replace(":", "", StringComparison.Ordinal).Trim();
            if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
            {
                failures.Add($"{section}:CertificateFingerprint '{options.CertificateFingerprint}' is not a SHA-256 fingerprint. " +
                    "Use the 64 hex digits Elasticsearch prints at first start (colons allowed), e.g. from 'openssl x509 -fingerprint -sha256'.");
            }

            if (!string.IsNullOrWhiteSpace(options.CaFile))
            {
                failures.Add($"{section}:CaFile and {section}:CertificateFingerprint are both set. Use one: remove the fingerprint or the CA file.");
            }

            if (nodes.Count > 0 && !anyHttps)
            {
                failures.Add($"{section}:CertificateFingerprint is set but no Url uses https. Use https:// addresses or remove the fingerprint.");
            }
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:RequestTimeout {options.RequestTimeout} is out of range. Use a value between 00:00:01 and 01:00:00, e.g. 00:00:30.");
        }

        if (options.TweetsRetention < TimeSpan.FromDays(1))
        {
            failures.Add($"{section}:TweetsRetention {options.TweetsRetention} is shorter than a day. Use e.g. 365.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
