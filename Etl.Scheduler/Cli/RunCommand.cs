using System.CommandLine;
using Etl.Scheduler.Hosting;
using Microsoft.Extensions.Options;

namespace Etl.Scheduler.Cli;

/// <summary><c>etl-scheduler run</c>: a Hangfire server with the dashboard and the query API until stopped.</summary>
public static class RunCommand
{
    public static Command Build()
    {
        var command = new Command("run", "Runs a Hangfire server on PostgreSQL (several can share one database), the dashboard at /hangfire and the query API.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = SchedulerApp.Build([.. parse.UnmatchedTokens]);
            try
            {
                await app.RunAsync(cancellationToken);
                return 0;
            }
            catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
            {
                // Configuration mistakes are the user's to fix: list them all, without a stack trace.
                foreach (var failure in ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures))
                {
                    await Console.Error.WriteLineAsync("configuration: " + failure);
                }

                return 2;
            }
        });
        return command;
    }
}
