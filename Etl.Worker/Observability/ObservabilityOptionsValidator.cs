using Microsoft.Extensions.Options;

namespace Etl.Worker.Observability;

public sealed class ObservabilityOptionsValidator : IValidateOptions<ObservabilityOptions>
{
    public ValidateOptionsResult Validate(string? name, ObservabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Port is < 0 or > 65535
            ? ValidateOptionsResult.Fail($"{ObservabilityOptions.SectionName}:Port is {options.Port}; use 1-65535, or 0 to turn the endpoints off.")
            : ValidateOptionsResult.Success;
    }
}
