using System.Reflection;
using System.Runtime.InteropServices;

namespace Etl.Kafka.Native;

/// <summary>
/// Makes Confluent.Kafka and our mock-cluster P/Invokes use the librdkafka that ships in the librdkafka.redist
/// package beside the application, never one found in the system library folders.
/// </summary>
/// <remarks>
/// Why a resolver: where Debian's librdkafka1 (2.0.2) is installed, Confluent.Kafka's own fallback dlopen finds it
/// before the bundled build, and 2.x consumers crash on it; <c>Library.Load(path)</c> cannot help because it dlopens
/// through "libdl", which Debian 12 only has as <c>libdl.so.2</c>. A DllImport resolver on both assemblies maps every
/// librdkafka name to the one handle loaded here, from a full path. On glibc Linux the package's default build needs
/// <c>libsasl2.so.3</c> (absent on Debian 12), so its CentOS 8 build, which has no missing dependency, is tried next.
/// </remarks>
public static class LibrdkafkaLoader
{
    /// <summary>The librdkafka version Confluent.Kafka 2.16 is built against; older builds lack functions it calls.</summary>
    public static readonly Version MinimumVersion = new(2, 16, 0);

    private static readonly Lock Gate = new();
    private static IntPtr handle;
    private static LoadedLibrdkafka? loaded;

    /// <summary>Where the library was loaded from and its version, once <see cref="EnsureLoaded"/> succeeded.</summary>
    public static LoadedLibrdkafka Loaded => EnsureLoaded();

    /// <summary>
    /// Loads the bundled librdkafka and points Confluent.Kafka at it. Call before the first producer, consumer or
    /// admin client is built; idempotent and thread-safe.
    /// </summary>
    /// <exception cref="LibrdkafkaLoadException">The bundled library is missing, does not load, is too old, or
    /// Confluent.Kafka was already bound to another library; the message names the file and the fix.</exception>
    public static LoadedLibrdkafka EnsureLoaded()
    {
        lock (Gate)
        {
            if (loaded is not null)
            {
                return loaded;
            }

            var (path, library) = LoadFirst(Candidates(AppContext.BaseDirectory, RuntimeInformation.OSArchitecture, IsMusl()));
            handle = library;
            NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, Resolve);
            NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaLoader).Assembly, Resolve);

            var version = Marshal.PtrToStringUTF8(LibrdkafkaNative.rd_kafka_version_str()) ?? "unknown";
            if (!Version.TryParse(version.Split('-')[0], out var parsed) || parsed < MinimumVersion)
            {
                throw new LibrdkafkaLoadException(
                    $"librdkafka {version} was loaded from {path}, but Confluent.Kafka needs {MinimumVersion} or newer. " +
                    "Fix: rebuild or republish so the librdkafka.redist package version from Directory.Packages.props is copied beside the application.");
            }

            // Confluent.Kafka binds on first use; if something used it before this call, it holds another library.
            var confluentVersion = Confluent.Kafka.Library.VersionString;
            if (confluentVersion != version)
            {
                throw new LibrdkafkaLoadException(
                    $"Confluent.Kafka is bound to librdkafka {confluentVersion}, not to {version} loaded from {path}: " +
                    "a Kafka client was created before LibrdkafkaLoader.EnsureLoaded(). Fix: call EnsureLoaded() first.");
            }

            loaded = new LoadedLibrdkafka(path, version);
            return loaded;
        }
    }

    /// <summary>
    /// The files to try, in order, for an application in <paramref name="baseDirectory"/>: the package's
    /// <c>runtimes/&lt;rid&gt;/native</c> folder (a framework-dependent build) and the folder itself (a publish for
    /// one runtime). Only full paths under the application, so no system library can be chosen.
    /// </summary>
    public static IReadOnlyList<string> Candidates(string baseDirectory, Architecture architecture, bool musl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        string rid;
        string[] files;
        if (OperatingSystem.IsWindows())
        {
            rid = architecture == Architecture.X86 ? "win-x86" : "win-x64";
            files = ["librdkafka.dll"];
        }
        else if (OperatingSystem.IsMacOS())
        {
            rid = architecture == Architecture.Arm64 ? "osx-arm64" : "osx-x64";
            files = ["librdkafka.dylib"];
        }
        else
        {
            rid = architecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
            files = musl ? ["alpine-librdkafka.so"] : ["librdkafka.so", "centos8-librdkafka.so"];
        }

        var folders = new[] { Path.Combine(baseDirectory, "runtimes", rid, "native"), baseDirectory };
        return [.. folders.SelectMany(folder => files.Select(file => Path.Combine(folder, file)))];
    }

    internal static (string Path, IntPtr Handle) LoadFirst(IReadOnlyList<string> candidates)
    {
        var problems = new List<string>();
        foreach (var candidate in candidates)
        {
            if (!File.Exists(candidate))
            {
                problems.Add($"{candidate}: not found");
                continue;
            }

            try
            {
                return (candidate, NativeLibrary.Load(candidate));
            }
            catch (DllNotFoundException ex)
            {
                // The loader's message names the missing dependency (e.g. libsasl2.so.3); keep it for the report.
                problems.Add($"{candidate}: {ex.Message}");
            }
        }

        throw new LibrdkafkaLoadException(
            "The bundled librdkafka could not be loaded. Tried: " + string.Join("; ", problems) + ". " +
            "Fix: build or publish the application so the librdkafka.redist package's runtimes folder is copied beside it " +
            "(dotnet build/publish does this; a hand-copied etl-worker.dll does not).");
    }

    private static bool IsMusl() =>
        OperatingSystem.IsLinux() && RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName.Contains("librdkafka", StringComparison.Ordinal) ? handle : IntPtr.Zero;
}
