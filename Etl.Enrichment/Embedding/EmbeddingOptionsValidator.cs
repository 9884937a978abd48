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
        if (provider is not (EmbeddingOptions.HashingProvider or EmbeddingOptions.OnnxProvider or EmbeddingOptions.HttpProvider))
        {
            failures.Add($"{section}:Provider is '{options.Provider}'; use '{EmbeddingOptions.OnnxProvider}' (all-MiniLM-L6-v2 in process), " +
                $"'{EmbeddingOptions.HashingProvider}' (built in, no model) or '{EmbeddingOptions.HttpProvider}' (an embeddings server).");
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

            if (options.Api?.Trim().ToLowerInvariant() is not (EmbeddingOptions.OpenAiApi or EmbeddingOptions.TeiApi))
            {
                failures.Add($"{section}:Api is '{options.Api}'; use '{EmbeddingOptions.OpenAiApi}' (POST /v1/embeddings) or '{EmbeddingOptions.TeiApi}' (text-embeddings-inference's POST /embed).");
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

        var onnx = options.Onnx ?? new OnnxEmbedderOptions();
        if (onnx.Parallelism is < 0 or > 256)
        {
            failures.Add($"{section}:Onnx:Parallelism is {onnx.Parallelism}; use 0 (one model run per core) to 256.");
        }

        if (onnx.IntraOpThreads is < 0 or > 256)
        {
            failures.Add($"{section}:Onnx:IntraOpThreads is {onnx.IntraOpThreads}; use 1 (best with Parallelism = cores), up to 256, or 0 for ONNX Runtime's default.");
        }

        if (onnx.MaxBatchSize is < 1 or > 1024)
        {
            failures.Add($"{section}:Onnx:MaxBatchSize is {onnx.MaxBatchSize}; use 1 to 1024.");
        }

        if (onnx.MaxTokens is < 8 or > 512)
        {
            failures.Add($"{section}:Onnx:MaxTokens is {onnx.MaxTokens}; use 8 to 512 (the model's position table ends at 512; 128 is its training length).");
        }

        if (onnx.CacheSize is < 0 or > 10_000_000)
        {
            failures.Add($"{section}:Onnx:CacheSize is {onnx.CacheSize}; use 0 (no cache) to 10000000 entries (≈ 1.6 KiB each).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
