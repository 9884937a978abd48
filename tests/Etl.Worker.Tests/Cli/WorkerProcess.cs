using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Etl.Worker.Tests.Cli;

/// <summary>An <c>etl-worker</c> process started as users start it, with its output kept; disposing stops it (SIGTERM).</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly StringBuilder output = new();

    private WorkerProcess(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static WorkerProcess Start(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "etl-worker.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Information";
        return new WorkerProcess(Process.Start(start)!);
    }

    public void Terminate() => Signal("TERM");

    /// <summary>SIGKILL: no handler runs, nothing is flushed or committed, the group is not told.</summary>
    public void Kill()
    {
        Signal("KILL");
        Assert.True(Process.WaitForExit(TimeSpan.FromSeconds(30)), "the process outlived SIGKILL");
    }

    public void Dispose()
    {
        Terminate();
        if (!Process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }

    private void Signal(string signal)
    {
        if (!Process.HasExited)
        {
            using var kill = Process.Start("kill", ["-" + signal, Process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
