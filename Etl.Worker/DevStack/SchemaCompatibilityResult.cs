namespace Etl.Worker.DevStack;

/// <summary>The outcome of a compatibility check; <see cref="Reason"/> names the first field that breaks it.</summary>
public sealed record SchemaCompatibilityResult(bool IsCompatible, string? Reason)
{
    public static SchemaCompatibilityResult Compatible { get; } = new(true, null);
}
