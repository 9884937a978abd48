namespace Etl.Scheduler.Storage;

/// <summary>One run of a job as kept in <c>etl_job_runs</c>.</summary>
public sealed record JobRun(
    string RunId,
    string JobName,
    string TriggerName,
    string InstanceId,
    DateTimeOffset FireTime,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string Outcome,
    string? Error,
    IReadOnlyDictionary<string, long> Figures,
    bool Recovering)
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public TimeSpan? Duration => EndedAt - StartedAt;
}
