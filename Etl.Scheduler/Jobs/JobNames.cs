namespace Etl.Scheduler.Jobs;

/// <summary>Job and trigger names, in one place: the console, the API and the schedules use these.</summary>
public static class JobNames
{
    public const string Group = "etl";
    public const string MinuteRollup = "rollup-minute";
    public const string HourRollup = "rollup-hour";
    public const string TrendClustering = "trend-clustering";
    public const string Retention = "retention";
    public const string DeadLetterRedrive = "dlq-redrive";

    public static IReadOnlyList<string> All { get; } = [MinuteRollup, HourRollup, TrendClustering, Retention, DeadLetterRedrive];
}
