namespace Etl.Scheduler.Dashboard;

/// <summary>
/// Who may open the Hangfire dashboard at <c>/hangfire</c> (section <c>Dashboard</c>), over HTTP Basic: an operator,
/// who may trigger, retry and delete jobs, and optionally a viewer who may only look.
/// </summary>
public sealed class DashboardAccessOptions
{
    public const string SectionName = "Dashboard";

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>Optional read-only user: sees jobs, history and failures, but the dashboard offers no action and refuses any.</summary>
    public string ReadOnlyUsername { get; set; } = "";

    public string ReadOnlyPassword { get; set; } = "";
}
