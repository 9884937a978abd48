using System.CommandLine;

namespace Etl.Scheduler.Cli;

/// <summary>The <c>etl-scheduler</c> command line.</summary>
public static class SchedulerCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Tweet ETL scheduler: Hangfire jobs on PostgreSQL (rollups, trend clustering, retention, DLQ re-drive), the Hangfire dashboard and the query API.");
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(TrendsCommand.Build());
        return root;
    }
}
