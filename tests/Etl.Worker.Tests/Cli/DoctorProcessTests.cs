using System.Diagnostics;

namespace Etl.Worker.Tests.Cli;

/// <summary>
/// <c>etl-worker doctor</c> as users run it, in its own process: which librdkafka Confluent.Kafka really loads, on
/// this machine, with Debian's librdkafka1 first on the loader path (still the bundled one), and with the unversioned
/// link librdkafka-dev adds (Debian's 2.0.2, which the worker refuses to start on).
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
    public void With_Debian_librdkafka1_as_packaged_first_on_the_loader_path_doctor_still_reports_the_bundled_2_16_0()
    {
        // Debian 12's librdkafka1 (2.0.2) unpacked, not installed: only librdkafka.so.1, as the package lays it out.
        var debian = DebianLibrdkafka();
        var loaderPath = new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = debian.PackagedFolder };

        // Precondition: the dynamic loader does find Debian's build here, under its soname.
        AssertPlainDlopenFinds(debian.Version, "librdkafka.so.1", loaderPath);

        var (exitCode, output) = Doctor(loaderPath);

        Assert.True(exitCode == 0, $"doctor exited {exitCode}: {output}");
        var path = LoadedPath(output);
        Assert.StartsWith(Path.Combine(AppContext.BaseDirectory, "runtimes"), path, StringComparison.Ordinal);
        Assert.DoesNotContain(debian.PackagedFolder, path, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void With_the_librdkafka_dev_link_first_on_the_loader_path_doctor_fails_naming_Debians_file_its_version_and_the_fix()
    {
        // The same file plus the unversioned librdkafka.so link that librdkafka-dev adds.
        var debian = DebianLibrdkafka();
        var loaderPath = new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = debian.DevFolder };

        // Precondition: a plain dlopen of the name .NET probes for "librdkafka" finds Debian's build, so Confluent.Kafka,
        // which loads librdkafka by itself, binds to it (and 2.x consumers crash on it).
        AssertPlainDlopenFinds(debian.Version, "librdkafka.so", loaderPath);

        var (exitCode, output) = Doctor(loaderPath);

        Assert.True(exitCode == 3, $"doctor exited {exitCode}, not 3: {output}");
        Assert.Contains($"librdkafka {debian.Version} was loaded from {Path.Combine(debian.DevFolder, "librdkafka.so.1")}", output, StringComparison.Ordinal);
        Assert.Contains("remove librdkafka-dev", output, StringComparison.Ordinal);
        Assert.Contains($"take {debian.DevFolder} off LD_LIBRARY_PATH", output, StringComparison.Ordinal);
        Assert.DoesNotContain($"librdkafka {BundledVersion} loaded from", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void With_the_librdkafka_dev_link_first_on_the_loader_path_run_refuses_to_start()
    {
        var debian = DebianLibrdkafka();
        var loaderPath = new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = debian.DevFolder };

        using var run = WorkerProcess.Start(loaderPath, "run");
        Assert.True(run.Process.WaitForExit(Patience), "run did not stop on Debian's librdkafka: " + run.Output);
        run.Process.WaitForExit(); // drains the redirected output

        Assert.True(run.Process.ExitCode == 3, $"run exited {run.Process.ExitCode}, not 3: {run.Output}");
        Assert.Contains($"librdkafka {debian.Version} was loaded from {Path.Combine(debian.DevFolder, "librdkafka.so.1")}", run.Output, StringComparison.Ordinal);
    }

    private static void AssertPlainDlopenFinds(string version, string name, Dictionary<string, string> environment)
    {
        var python = FindOnPath("python3");
        Skip.If(python is null, "python3 is not installed, so the plain dlopen precondition cannot be checked.");
        var plain = Run(python!, ["-c", PrintDlopenVersion, name], environment);
        Assert.True(plain.ExitCode == 0, $"plain dlopen of {name} failed: {plain.Error}");
        Assert.Equal(version, plain.Output.Trim());
        Assert.NotEqual(BundledVersion, version);
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
    /// Runs <c>scripts/debian-librdkafka1.sh</c> (test.sh runs it first; cached after one download) and returns its
    /// two folders, one with Debian's librdkafka.so.1 alone and one with librdkafka-dev's link beside it, and the
    /// library's upstream version; skips with the script's reason when it cannot fetch the package.
    /// </summary>
    private static (string PackagedFolder, string DevFolder, string Version) DebianLibrdkafka()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64,
            "Debian's librdkafka1 case is prepared for linux-x64 only.");
        var script = Path.Combine(RepositoryRoot(), "scripts", "debian-librdkafka1.sh");
        var result = Run("bash", [script], new Dictionary<string, string>());
        Skip.If(result.ExitCode == 3, "Debian's librdkafka1 is not available: " + result.Error.Trim());
        Assert.True(result.ExitCode == 0, $"{script} exited {result.ExitCode}: {result.Output}{result.Error}");
        var root = result.Output.Trim().Split('\n')[^1];
        // "2.0.2-1" -> "2.0.2", what rd_kafka_version_str reports.
        var version = File.ReadAllText(Path.Combine(root, "version")).Trim().Split('-')[0];
        return (Path.Combine(root, "librdkafka1"), Path.Combine(root, "librdkafka-dev"), version);
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
