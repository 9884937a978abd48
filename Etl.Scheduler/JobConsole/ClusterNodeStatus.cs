namespace Etl.Scheduler.JobConsole;

public sealed record ClusterNodeStatus(string InstanceId, string State, DateTimeOffset? LastCheckIn, TimeSpan? CheckInInterval, bool IsThisNode);
