using System.CommandLine;
using Etl.Scheduler.Hosting;

namespace Etl.Scheduler.Cli;

/// <summary><c>etl-scheduler run</c>: the clustered scheduler with its console and query API until stopped.</summary>
public static class RunCommand
{
    public static Command Build()
    {
        var command = new Command("run", "Runs the clustered Quartz scheduler (PostgreSQL), the job console and the query API.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = SchedulerApp.Build([.. parse.UnmatchedTokens]);
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
