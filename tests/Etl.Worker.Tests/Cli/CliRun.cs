using System.CommandLine;
using Etl.Worker.Cli;

namespace Etl.Worker.Tests.Cli;

/// <summary>Runs <c>etl-worker</c> in-process and captures what it prints.</summary>
internal static class CliRun
{
    public static (int ExitCode, string Output, string Error) Invoke(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = WorkerCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
