using System.Runtime.InteropServices;
using Etl.Kafka.Native;
using Xunit;

namespace Etl.Testing.Tests;

/// <remarks>
/// A system librdkafka taken instead of the bundled one needs a process started with another loader path: see
/// <c>DoctorProcessTests</c> in Etl.Worker.Tests. Here: this process, and the check's messages.
/// </remarks>
public sealed class LibrdkafkaCheckTests
{
    private const string AppFolder = "/opt/app/";

    [Fact]
    public void Confluent_Kafka_loads_the_bundled_2_16_0_and_our_mock_cluster_calls_go_to_the_same_library()
    {
        var loaded = LibrdkafkaCheck.Ensure();

        Assert.Equal("2.16.0", loaded.Version);
        Assert.StartsWith(Path.Combine(AppContext.BaseDirectory, "runtimes"), loaded.Path, StringComparison.Ordinal);
        Assert.Equal(loaded.Version, Confluent.Kafka.Library.VersionString);
        Assert.Equal(loaded.Version, Marshal.PtrToStringUTF8(LibrdkafkaNative.rd_kafka_version_str()));
        // Our P/Invokes loaded no second copy: one librdkafka file is mapped, the one Confluent.Kafka loaded.
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var mapped = process.Modules.Cast<System.Diagnostics.ProcessModule>().Select(m => m.FileName).Where(f => f.Contains("rdkafka", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Equal([loaded.Path], mapped);
    }

    [Fact]
    public void The_package_build_beside_the_application_passes()
    {
        Assert.Null(LibrdkafkaCheck.Problem(new LoadedLibrdkafka(AppFolder + "runtimes/linux-x64/native/centos8-librdkafka.so", "2.16.0"), AppFolder));
        Assert.Null(LibrdkafkaCheck.Problem(new LoadedLibrdkafka(AppFolder + "librdkafka.so", "2.17.1-RC2"), AppFolder));
    }

    [Fact]
    public void Debian_2_0_2_from_the_system_folder_is_refused_with_the_file_its_version_and_the_fix()
    {
        var message = LibrdkafkaCheck.Problem(new LoadedLibrdkafka("/usr/lib/x86_64-linux-gnu/librdkafka.so.1", "2.0.2"), AppFolder);

        Assert.NotNull(message);
        Assert.Contains("librdkafka 2.0.2 was loaded from /usr/lib/x86_64-linux-gnu/librdkafka.so.1", message, StringComparison.Ordinal);
        Assert.Contains("2.16.0 or newer", message, StringComparison.Ordinal);
        Assert.Contains("remove librdkafka-dev", message, StringComparison.Ordinal);
        Assert.Contains("take /usr/lib/x86_64-linux-gnu off LD_LIBRARY_PATH", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_enough_librdkafka_from_outside_the_application_is_refused_too()
    {
        // Same version, other build: its features (SASL, compression) are not the ones the package was tested with.
        var message = LibrdkafkaCheck.Problem(new LoadedLibrdkafka("/opt/app-other/librdkafka.so", "2.16.0"), AppFolder);

        Assert.NotNull(message);
        Assert.Contains("/opt/app-other/librdkafka.so, outside the application", message, StringComparison.Ordinal);
        Assert.Contains("take /opt/app-other off LD_LIBRARY_PATH", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_old_build_inside_the_application_folder_asks_for_a_rebuild()
    {
        var message = LibrdkafkaCheck.Problem(new LoadedLibrdkafka(AppFolder + "runtimes/linux-x64/native/librdkafka.so", "2.3.0"), AppFolder);

        Assert.NotNull(message);
        Assert.Contains("librdkafka 2.3.0 was loaded from /opt/app/runtimes/linux-x64/native/librdkafka.so, which is too old", message, StringComparison.Ordinal);
        Assert.Contains("Fix: rebuild or republish", message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_nothing_loads_the_message_names_the_runtimes_files_and_the_fix()
    {
        var app = Directory.CreateTempSubdirectory("librdkafka-app-").FullName;
        try
        {
            var native = Directory.CreateDirectory(Path.Combine(app, "runtimes", "linux-x64", "native")).FullName;
            File.WriteAllText(Path.Combine(native, "centos8-librdkafka.so"), "");

            var message = LibrdkafkaCheck.NotLoadedMessage(app, "Failed to load the librdkafka native library.");

            Assert.Contains("Confluent.Kafka could not load librdkafka (Failed to load the librdkafka native library)", message, StringComparison.Ordinal);
            Assert.Contains(Path.Combine("runtimes", "linux-x64", "native", "centos8-librdkafka.so"), message, StringComparison.Ordinal);
            Assert.Contains("so the librdkafka.redist package's runtimes folder is copied beside it", message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(app, recursive: true);
        }
    }

    [Fact]
    public void When_the_runtimes_folder_is_missing_the_message_says_so()
    {
        var app = Directory.CreateTempSubdirectory("librdkafka-app-").FullName;
        try
        {
            var message = LibrdkafkaCheck.NotLoadedMessage(app, "Failed to load the librdkafka native library.");

            Assert.Contains($"it has no runtimes folder ({Path.Combine(app, "runtimes")})", message, StringComparison.Ordinal);
            Assert.Contains("dotnet build / dotnet publish", message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(app, recursive: true);
        }
    }
}
