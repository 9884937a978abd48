using Etl.Kafka.Configuration;
using Microsoft.Extensions.Options;

namespace Etl.Worker.Consuming;

/// <summary>Reports every problem with <see cref="KafkaOptions"/> at once.</summary>
public sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        var failures = KafkaConnectionValidator.Validate(options, KafkaOptions.SectionName);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
