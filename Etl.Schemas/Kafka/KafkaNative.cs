using System.Reflection;
using System.Runtime.InteropServices;

namespace Etl.Schemas.Kafka;

/// <summary>
/// Loads Debian's librdkafka for Confluent.Kafka 1.9.3 and for our own P/Invoke into the mock cluster.
/// </summary>
/// <remarks>
/// Two traps on Debian 12: .NET's probing for "librdkafka" only finds <c>librdkafka.so</c>, which ships in
/// librdkafka-dev rather than the runtime package librdkafka1 (<c>librdkafka.so.1</c>); and Confluent.Kafka's
/// loader dlopens through "libdl", which Debian 12 only has as <c>libdl.so.2</c>. One resolver on both
/// assemblies maps each name to the file that is actually there.
/// </remarks>
public static class KafkaNative
{
    /// <summary>The Debian package that provides the runtime library.</summary>
    public const string RuntimePackage = "librdkafka1";

    /// <summary>The Debian package with headers and the unversioned .so, used by builds and tests.</summary>
    public const string DevelopmentPackage = "librdkafka-dev";

    private static readonly string[] RdkafkaCandidates =
    [
        "librdkafka.so.1",
        "librdkafka.so",
        "/usr/lib/x86_64-linux-gnu/librdkafka.so.1",
        "/usr/lib/aarch64-linux-gnu/librdkafka.so.1",
        "/usr/local/lib/librdkafka.so.1",
        "/opt/homebrew/lib/librdkafka.dylib",
        "/usr/local/lib/librdkafka.dylib",
    ];

    private static readonly string[] LibdlCandidates = ["libdl.so.2", "libdl.so", "libc.so.6"];

    private static readonly Lock Gate = new();
    private static IntPtr rdkafka;
    private static bool resolverSet;

    /// <summary>The path or name librdkafka was loaded from, once <see cref="EnsureLoaded"/> succeeded.</summary>
    public static string? LoadedFrom { get; private set; }

    /// <summary>
    /// Makes librdkafka loadable by Confluent.Kafka and by this assembly. Call once at start-up, before the
    /// first producer or consumer is built. Idempotent and thread-safe.
    /// </summary>
    /// <exception cref="LibrdkafkaNotFoundException">No librdkafka could be loaded; the message names the package to install.</exception>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (rdkafka != IntPtr.Zero)
            {
                return;
            }

            var tried = new List<string>();
            var overridePath = Environment.GetEnvironmentVariable("LIBRDKAFKA_PATH");
            IEnumerable<string> candidates = string.IsNullOrWhiteSpace(overridePath)
                ? RdkafkaCandidates
                : [overridePath, .. RdkafkaCandidates];
            foreach (var candidate in candidates)
            {
                tried.Add(candidate);
                if (NativeLibrary.TryLoad(candidate, out var handle))
                {
                    rdkafka = handle;
                    LoadedFrom = candidate;
                    break;
                }
            }

            if (rdkafka == IntPtr.Zero)
            {
                throw new LibrdkafkaNotFoundException(tried);
            }

            if (!resolverSet)
            {
                NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, Resolve);
                NativeLibrary.SetDllImportResolver(typeof(KafkaNative).Assembly, Resolve);
                resolverSet = true;
            }
        }
    }

    /// <summary>librdkafka's version string, for logs and the start-up banner.</summary>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            return Marshal.PtrToStringUTF8(LibrdkafkaNative.rd_kafka_version_str()) ?? "unknown";
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName.StartsWith("librdkafka", StringComparison.Ordinal))
        {
            return rdkafka;
        }

        if (libraryName is "libdl" or "libdl.so")
        {
            foreach (var candidate in LibdlCandidates)
            {
                if (NativeLibrary.TryLoad(candidate, out var handle))
                {
                    return handle;
                }
            }
        }

        // Anything else: let the runtime's default probing handle it.
        return IntPtr.Zero;
    }
}
