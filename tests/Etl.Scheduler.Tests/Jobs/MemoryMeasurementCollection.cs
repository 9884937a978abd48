namespace Etl.Scheduler.Tests.Jobs;

/// <summary>Tests that measure the process's heap run after all others, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "memory measurement";
}
