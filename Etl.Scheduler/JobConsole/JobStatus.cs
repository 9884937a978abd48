using Etl.Scheduler.Storage;

namespace Etl.Scheduler.JobConsole;

/// <summary>What the console shows of one job: its triggers and its last run.</summary>
public sealed record JobStatus(
    string Name,
    string Group,
    string? Description,
    bool RequestsRecovery,
    IReadOnlyList<TriggerStatus> Triggers,
    JobRun? LastRun);
