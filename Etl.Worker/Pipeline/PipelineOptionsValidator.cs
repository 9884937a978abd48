using Microsoft.Extensions.Options;

namespace Etl.Worker.Pipeline;

/// <summary>Reports every problem with <see cref="PipelineOptions"/> at once, with the value and the fix.</summary>
public sealed class PipelineOptionsValidator : IValidateOptions<PipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var p = PipelineOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.Topic))
        {
            failures.Add($"{p}:Topic is empty; set it to the topic to consume, e.g. '{Schemas.Naming.TopicNames.Raw}'.");
        }

        if (string.IsNullOrWhiteSpace(options.GroupId))
        {
            failures.Add($"{p}:GroupId is empty; set a consumer group id, e.g. 'etl-worker'.");
        }

        if (options.EnrichParallelism < 0)
        {
            failures.Add($"{p}:EnrichParallelism is {options.EnrichParallelism}; use 0 (one per core) or a positive number.");
        }

        if (options.ChannelCapacity < 1)
        {
            failures.Add($"{p}:ChannelCapacity is {options.ChannelCapacity}; it must be at least 1.");
        }

        if (options.BatchMaxDocuments < 1)
        {
            failures.Add($"{p}:BatchMaxDocuments is {options.BatchMaxDocuments}; it must be at least 1.");
        }

        if (options.BatchMaxBytes < 1024)
        {
            failures.Add($"{p}:BatchMaxBytes is {options.BatchMaxBytes}; it must be at least 1024 (Elasticsearch's default limit is 100mb).");
        }

        if (options.BatchLinger <= TimeSpan.Zero)
        {
            failures.Add($"{p}:BatchLinger is {options.BatchLinger}; it must be positive, e.g. 00:00:00.250.");
        }

        if (options.MaxItemAttempts < 1)
        {
            failures.Add($"{p}:MaxItemAttempts is {options.MaxItemAttempts}; it must be at least 1.");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add($"{p}:RetryBaseDelay ({options.RetryBaseDelay}) must be positive and not above RetryMaxDelay ({options.RetryMaxDelay}).");
        }

        if (options.DrainTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{p}:DrainTimeout is {options.DrainTimeout}; it must be positive.");
        }

        if (options.RevokeTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{p}:RevokeTimeout is {options.RevokeTimeout}; it must be positive and well under the session timeout, e.g. 00:00:05.");
        }

        if (options.DeadLetterMaxInFlight < 1)
        {
            failures.Add($"{p}:DeadLetterMaxInFlight is {options.DeadLetterMaxInFlight}; it must be at least 1.");
        }

        if (options.CommitInterval <= TimeSpan.Zero)
        {
            failures.Add($"{p}:CommitInterval is {options.CommitInterval}; it must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
