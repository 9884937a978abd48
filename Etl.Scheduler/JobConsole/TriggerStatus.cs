namespace Etl.Scheduler.JobConsole;

public sealed record TriggerStatus(string Name, string State, string? Schedule, DateTimeOffset? NextFireTime, DateTimeOffset? PreviousFireTime);
