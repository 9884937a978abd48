namespace Etl.Worker.Observability;

/// <summary>Where <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> are served. Section <c>Observability</c>.</summary>
public sealed class ObservabilityOptions
{
    public const string SectionName = "Observability";

    /// <summary>HTTP port on all interfaces.</summary>
    public int Port { get; set; } = 9100;
}
