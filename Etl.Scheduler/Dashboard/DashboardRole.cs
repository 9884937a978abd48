namespace Etl.Scheduler.Dashboard;

/// <summary>What a dashboard request may do, decided by its credential.</summary>
public enum DashboardRole
{
    /// <summary>No or a wrong credential: 401.</summary>
    None,

    /// <summary>Sees everything, changes nothing.</summary>
    ReadOnly,

    /// <summary>May trigger, requeue and delete jobs.</summary>
    Operator,
}
