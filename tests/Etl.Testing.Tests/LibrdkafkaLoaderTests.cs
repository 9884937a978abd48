using System.Runtime.InteropServices;
using Etl.Kafka.Native;
using Xunit;

namespace Etl.Testing.Tests;

/// <remarks>
/// The trap case, Debian's librdkafka first on the dynamic loader's path, needs a process started with that path:
/// see <c>DoctorProcessTests</c> in Etl.Worker.Tests.
/// </remarks>
public sealed class LibrdkafkaLoaderTests
{
    [Fact]
    public void The_bundled_librdkafka_is_loaded_and_Confluent_Kafka_uses_it()
    {
        var loaded = LibrdkafkaLoader.EnsureLoaded();

        Assert.Equal("2.16.0", loaded.Version);
        Assert.StartsWith(AppContext.BaseDirectory, loaded.Path, StringComparison.Ordinal);
        Assert.Equal(loaded.Version, Confluent.Kafka.Library.VersionString);
    }

    [Fact]
    public void Candidates_are_only_files_beside_the_application_never_system_folders()
    {
        var candidates = LibrdkafkaLoader.Candidates("/opt/app", Architecture.X64, musl: false);

        Assert.All(candidates, path => Assert.StartsWith("/opt/app/", path, StringComparison.Ordinal));
        if (OperatingSystem.IsLinux())
        {
            // The package's default build needs libsasl2.so.3, which Debian 12 lacks; its CentOS 8 build is the fallback.
            Assert.Equal(
                ["/opt/app/runtimes/linux-x64/native/librdkafka.so", "/opt/app/runtimes/linux-x64/native/centos8-librdkafka.so",
                 "/opt/app/librdkafka.so", "/opt/app/centos8-librdkafka.so"],
                candidates);
            Assert.Equal(
                ["/opt/app/runtimes/linux-arm64/native/alpine-librdkafka.so", "/opt/app/alpine-librdkafka.so"],
                LibrdkafkaLoader.Candidates("/opt/app", Architecture.Arm64, musl: true));
        }
    }

    [Fact]
    public void Without_the_bundled_files_the_error_names_each_file_tried_and_the_fix()
    {
        var empty = Directory.CreateTempSubdirectory("no-librdkafka-").FullName;
        try
        {
            var ex = Assert.Throws<LibrdkafkaLoadException>(() => LibrdkafkaLoader.LoadFirst(LibrdkafkaLoader.Candidates(empty, RuntimeInformation.OSArchitecture, musl: false)));

            Assert.Contains(empty, ex.Message, StringComparison.Ordinal);
            Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
            Assert.Contains("librdkafka.redist", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
