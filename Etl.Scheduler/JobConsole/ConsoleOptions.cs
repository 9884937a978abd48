namespace Etl.Scheduler.JobConsole;

/// <summary>The credential that protects the job console and its JSON API (section <c>Console</c>).</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";
}
