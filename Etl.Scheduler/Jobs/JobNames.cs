namespace Etl.Scheduler.Jobs;

/// <summary>Recurring job ids, in one place: the dashboard shows them and the schedules are registered under them.</summary>
public static class JobNames
{
    public const string MinuteRollup = "rollup-minute";
    public const string HourRollup = "rollup-hour";
    public const string DayRollup = "rollup-day";
    public const string TrendClustering = "trend-clustering";
    public const string Retention = "retention";
    public const string DeadLetterRedrive = "dlq-redrive";

    public static IReadOnlyList<string> All { get; } = [MinuteRollup, HourRollup, DayRollup, TrendClustering, Retention, DeadLetterRedrive];
}
