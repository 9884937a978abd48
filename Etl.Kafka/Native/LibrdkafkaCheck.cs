using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Etl.Kafka.Native;

/// <summary>
/// Checks the librdkafka that Confluent.Kafka loaded by itself: it must be the librdkafka.redist build beside the
/// application, 2.16.0 or newer. Loads nothing of its own for Confluent.Kafka.
/// </summary>
/// <remarks>
/// Confluent.Kafka 2.16 finds librdkafka.redist's build under <c>runtimes/&lt;rid&gt;/native</c> on its own (on
/// Debian 12 the CentOS 8 build, because the default one needs <c>libsasl2.so.3</c>). It takes a system library
/// instead only where one answers to the unversioned name <c>librdkafka.so</c>: Debian's librdkafka-dev adds that
/// link, and a folder holding it can sit on <c>LD_LIBRARY_PATH</c>. Debian 12's is 2.0.2, and 2.x consumers crash on
/// it. That cannot be prevented from here without a resolver of our own on Confluent.Kafka (<c>Library.Load(path)</c>
/// dlopens through "libdl", which Debian 12 only has as <c>libdl.so.2</c>), so it is caught at start instead, with
/// the file, its version and the fix.
/// </remarks>
public static class LibrdkafkaCheck
{
    /// <summary>The librdkafka version Confluent.Kafka 2.16 is built against; older builds lack functions it calls.</summary>
    public static readonly Version MinimumVersion = new(2, 16, 0);

    private static readonly Lock Gate = new();
    private static IntPtr handle;
    private static LoadedLibrdkafka? verified;

    /// <summary>
    /// Makes Confluent.Kafka load librdkafka now, checks the file it loaded and binds our mock-cluster P/Invokes to
    /// it. Call before the first producer, consumer or admin client is built; idempotent and thread-safe.
    /// </summary>
    /// <exception cref="LibrdkafkaLoadException">Confluent.Kafka loaded nothing, or a librdkafka older than
    /// <see cref="MinimumVersion"/> or from outside the application folder; the message names the file and the fix.</exception>
    public static LoadedLibrdkafka Ensure()
    {
        lock (Gate)
        {
            if (verified is not null)
            {
                return verified;
            }

            var appFolder = AppContext.BaseDirectory;
            string version;
            try
            {
                version = Confluent.Kafka.Library.VersionString;
            }
            catch (DllNotFoundException ex)
            {
                throw new LibrdkafkaLoadException(NotLoadedMessage(appFolder, ex.Message), ex);
            }

            var files = LoadedFiles();
            if (files.Count != 1)
            {
                throw new LibrdkafkaLoadException(
                    $"Confluent.Kafka reports librdkafka {version}, but this process has {files.Count} librdkafka files loaded" +
                    (files.Count == 0 ? "" : ": " + string.Join(", ", files)) +
                    ", so the one in use cannot be told. Fix: start the application without LD_PRELOAD or other librdkafka copies " +
                    $"so only the librdkafka.redist build in {appFolder} is loaded.");
            }

            var loaded = new LoadedLibrdkafka(files[0], version);
            var problem = Problem(loaded, appFolder);
            if (problem is not null)
            {
                throw new LibrdkafkaLoadException(problem);
            }

            // Our mock-cluster P/Invokes must call into the very library Confluent.Kafka's clients use (a mock
            // cluster from a second copy would live in another library's state). Loading the full path of a library
            // that is already loaded returns the same handle.
            handle = NativeLibrary.Load(loaded.Path);
            NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaCheck).Assembly, Resolve);
            verified = loaded;
            return loaded;
        }
    }

    /// <summary>
    /// What is wrong with <paramref name="loaded"/> for an application in <paramref name="appFolder"/>, as a message
    /// with the fix; <c>null</c> when it is a librdkafka.redist build of at least <see cref="MinimumVersion"/> from there.
    /// </summary>
    public static string? Problem(LoadedLibrdkafka loaded, string appFolder)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentException.ThrowIfNullOrWhiteSpace(appFolder);
        var tooOld = !Version.TryParse(loaded.Version.Split('-')[0], out var parsed) || parsed < MinimumVersion;
        var inside = IsUnder(loaded.Path, appFolder);
        if (!tooOld && inside)
        {
            return null;
        }

        var what = $"librdkafka {loaded.Version} was loaded from {loaded.Path}";
        var need = $"Confluent.Kafka needs librdkafka {MinimumVersion} or newer from the librdkafka.redist package beside the application, in {appFolder}";
        if (inside)
        {
            return $"{what}, which is too old: {need}. " +
                "Fix: rebuild or republish so the librdkafka.redist version from Directory.Packages.props is copied beside the application.";
        }

        var folder = Path.GetDirectoryName(loaded.Path);
        return $"{what}, outside the application{(tooOld ? " and too old" : "")}: {need}. " +
            $"Fix: remove librdkafka-dev (its unversioned librdkafka.so link makes the system build the first match) or take {folder} " +
            "off LD_LIBRARY_PATH (PATH on Windows, DYLD_LIBRARY_PATH on macOS), so Confluent.Kafka loads the librdkafka.redist build beside the application.";
    }

    /// <summary>
    /// The message for when Confluent.Kafka could load no librdkafka at all: the librdkafka files the application
    /// folder holds (none after a hand copy of the assemblies) and the fix.
    /// </summary>
    public static string NotLoadedMessage(string appFolder, string cause)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appFolder);
        var runtimes = Path.Combine(appFolder, "runtimes");
        var files = Directory.Exists(runtimes)
            ? Directory.EnumerateFiles(runtimes, "*rdkafka*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(appFolder, f)).Order(StringComparer.Ordinal).ToList()
            : [];
        var holds = files.Count > 0
            ? "its runtimes folder holds " + string.Join(", ", files) + ", and none of them loads here"
            : Directory.Exists(runtimes) ? $"{runtimes} holds no librdkafka file" : $"it has no runtimes folder ({runtimes})";
        return $"Confluent.Kafka could not load librdkafka ({cause.TrimEnd('.')}). Application folder {appFolder}: {holds}. " +
            "Fix: build or publish the application (dotnet build / dotnet publish) so the librdkafka.redist package's runtimes folder " +
            "is copied beside it; a hand-copied etl-worker.dll does not bring it.";
    }

    /// <summary>The full paths of every librdkafka file mapped into this process (Linux, Windows and macOS alike).</summary>
    private static List<string> LoadedFiles()
    {
        using var process = Process.GetCurrentProcess();
        return [.. process.Modules.Cast<ProcessModule>()
            .Select(module => module.FileName)
            .Where(file => Path.GetFileName(file).Contains("rdkafka", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)];
    }

    private static bool IsUnder(string path, string folder)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return Path.GetFullPath(path).StartsWith(root, comparison);
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == "librdkafka" ? handle : IntPtr.Zero;
}
