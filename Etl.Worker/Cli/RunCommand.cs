using System.CommandLine;
using Etl.Worker.Hosting;

namespace Etl.Worker.Cli;

/// <summary><c>etl-worker run</c> (the default): consume tweets.raw → enrich → Elasticsearch, until stopped.</summary>
public static class RunCommand
{
    public static Command Build()
    {
        var command = new Command("run", "Consumes tweets.raw, enriches and bulk-indexes into Elasticsearch until stopped (Ctrl+C or SIGTERM flushes and commits).");
        command.SetAction((_, cancellationToken) => RunAsync(cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(CancellationToken cancellationToken) => CommandErrors.RunAsync(async () =>
    {
        var settings = WorkerSettings.Load(WorkerSettings.BuildConfiguration());
        await using var app = WorkerHost.Build(settings);
        return await WorkerHost.RunAsync(app, cancellationToken);
    });
}
