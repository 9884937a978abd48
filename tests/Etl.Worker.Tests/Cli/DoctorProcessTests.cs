using System.Diagnostics;

namespace Etl.Worker.Tests.Cli;

/// <summary>
/// <c>etl-worker doctor</c> as users run it, in its own process: which librdkafka the worker really loads, on this
/// machine and on one where an older Debian librdkafka is the first the system's dynamic loader finds.
/// </summary>
public sealed class DoctorProcessTests
{
    private const string BundledVersion = "2.16.0";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void Doctor_reports_the_bundled_librdkafka_2_16_0_from_the_application_folder()
    {
        var (exitCode, output) = Doctor(new Dictionary<string, string>());

        Assert.True(exitCode == 0, $"doctor exited {exitCode}: {output}");
        var path = LoadedPath(output);
        Assert.StartsWith(Path.Combine(AppContext.BaseDirectory, "runtimes"), path, StringComparison.Ordinal);
        Assert.True(File.Exists(path), path + " does not exist");
    }

    [SkippableFact]
    public void With_Debian_librdkafka1_first_on_the_loader_path_doctor_still_reports_the_bundled_2_16_0()
    {
        // Debian 12's librdkafka1 (2.0.2) unpacked, not installed, with the librdkafka.so link librdkafka-dev adds.
        var (debianFolder, debianVersion) = DebianLibrdkafka();
        var loaderPath = new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = debianFolder };

        // Precondition: under this LD_LIBRARY_PATH a plain dlopen of the names .NET probes for "librdkafka" finds
        // Debian's build, so without our resolver Confluent.Kafka would bind to it (and 2.x consumers crash on it).
        var python = FindOnPath("python3");
        Skip.If(python is null, "python3 is not installed, so the plain dlopen precondition cannot be checked.");
        var plain = Run(python!, ["-c", PrintDlopenVersion, "librdkafka.so"], loaderPath);
        Assert.True(plain.ExitCode == 0, "plain dlopen failed: " + plain.Error);
        Assert.Equal(debianVersion, plain.Output.Trim());
        Assert.NotEqual(BundledVersion, debianVersion);

        var (exitCode, output) = Doctor(loaderPath);

        // Exit 0 also means Confluent.Kafka itself is bound to that library: doctor fails (exit 3) when it is not.
        Assert.True(exitCode == 0, $"doctor exited {exitCode}: {output}");
        var path = LoadedPath(output);
        Assert.StartsWith(Path.Combine(AppContext.BaseDirectory, "runtimes"), path, StringComparison.Ordinal);
        Assert.DoesNotContain(debianFolder, path, StringComparison.Ordinal);
    }

    private const string PrintDlopenVersion =
        "import ctypes, sys\n" +
        "lib = ctypes.CDLL(sys.argv[1])\n" +
        "lib.rd_kafka_version_str.restype = ctypes.c_char_p\n" +
        "print(lib.rd_kafka_version_str().decode())\n";

    private static (int ExitCode, string Output) Doctor(Dictionary<string, string> environment)
    {
        using var doctor = WorkerProcess.Start(environment, "doctor");
        Assert.True(doctor.Process.WaitForExit(Patience), "doctor did not finish: " + doctor.Output);
        doctor.Process.WaitForExit(); // drains the redirected output
        return (doctor.Process.ExitCode, doctor.Output);
    }

    /// <summary>The file named by doctor's "librdkafka 2.16.0 loaded from PATH" line.</summary>
    private static string LoadedPath(string output)
    {
        var prefix = $"librdkafka {BundledVersion} loaded from ";
        var line = output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(line is not null, $"doctor did not report librdkafka {BundledVersion}: {output}");
        return line![prefix.Length..];
    }

    /// <summary>
    /// Runs <c>scripts/debian-librdkafka1.sh</c> (test.sh runs it first; cached after one download) and returns the
    /// folder holding Debian's library and its upstream version; skips with the script's reason when it cannot fetch it.
    /// </summary>
    private static (string Folder, string Version) DebianLibrdkafka()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64,
            "Debian's librdkafka1 case is prepared for linux-x64 only.");
        var script = Path.Combine(RepositoryRoot(), "scripts", "debian-librdkafka1.sh");
        var result = Run("bash", [script], new Dictionary<string, string>());
        Skip.If(result.ExitCode == 3, "Debian's librdkafka1 is not available: " + result.Error.Trim());
        Assert.True(result.ExitCode == 0, $"{script} exited {result.ExitCode}: {result.Output}{result.Error}");
        var folder = result.Output.Trim().Split('\n')[^1];
        // "2.0.2-1" -> "2.0.2", what rd_kafka_version_str reports.
        var version = File.ReadAllText(Path.Combine(Path.GetDirectoryName(folder)!, "version")).Trim().Split('-')[0];
        return (folder, version);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Etl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Etl.sln above " + AppContext.BaseDirectory);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static (int ExitCode, string Output, string Error) Run(string executable, string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(Patience), executable + " did not finish");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
