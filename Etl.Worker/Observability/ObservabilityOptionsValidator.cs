using Microsoft.Extensions.Options;

namespace Etl.Worker.Observability;

public sealed class ObservabilityOptionsValidator : IValidateOptions<ObservabilityOptions>
{
    public ValidateOptionsResult Validate(string? name, ObservabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Port is < 1 or > 65535
            ? ValidateOptionsResult.Fail($"{ObservabilityOptions.SectionName}:Port is {options.Port}; use a TCP port from 1 to 65535, e.g. 9100.")
            : ValidateOptionsResult.Success;
    }
}
