using Microsoft.Extensions.Options;

namespace Etl.Enrichment.Embedding;

/// <summary>Reports every problem with <see cref="EmbeddingOptions"/> at once, each naming the key and the fix.</summary>
public sealed class EmbeddingOptionsValidator : IValidateOptions<EmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = EmbeddingOptions.SectionName;
        var provider = options.Provider?.Trim().ToLowerInvariant();
        if (provider is not (EmbeddingOptions.HashingProvider or EmbeddingOptions.HttpProvider))
        {
            failures.Add($"{section}:Provider is '{options.Provider}'; use '{EmbeddingOptions.HashingProvider}' (built in) or '{EmbeddingOptions.HttpProvider}' (an OpenAI-compatible /v1/embeddings server).");
        }

        if (provider == EmbeddingOptions.HttpProvider)
        {
            if (options.Endpoint is null || !options.Endpoint.IsAbsoluteUri || options.Endpoint.Scheme is not ("http" or "https"))
            {
                failures.Add($"{section}:Endpoint is '{options.Endpoint}'; set the server's absolute http(s) base address, e.g. http://tei:80.");
            }

            if (string.IsNullOrWhiteSpace(options.Model))
            {
                failures.Add($"{section}:Model is empty; set the model the server serves, e.g. sentence-transformers/all-MiniLM-L6-v2.");
            }
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{section}:Timeout is {options.Timeout}; use a duration between 00:00:01 and 00:10:00.");
        }

        if (options.BatchSize is < 1 or > 2048)
        {
            failures.Add($"{section}:BatchSize is {options.BatchSize}; use 1 to 2048.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
