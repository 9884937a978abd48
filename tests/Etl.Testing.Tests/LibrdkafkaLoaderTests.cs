using System.Runtime.InteropServices;
using Etl.Kafka.Native;
using Xunit;

namespace Etl.Testing.Tests;

public sealed class LibrdkafkaLoaderTests
{
    private const string DebianLibrdkafka = "/usr/lib/x86_64-linux-gnu/librdkafka.so.1";

    [Fact]
    public void The_bundled_librdkafka_is_loaded_and_Confluent_Kafka_uses_it()
    {
        var loaded = LibrdkafkaLoader.EnsureLoaded();

        Assert.Equal("2.16.0", loaded.Version);
        Assert.StartsWith(AppContext.BaseDirectory, loaded.Path, StringComparison.Ordinal);
        Assert.Equal(loaded.Version, Confluent.Kafka.Library.VersionString);
    }

    [SkippableFact]
    public void Debian_librdkafka1_installed_beside_it_is_not_the_one_in_use()
    {
        // The trap case: Debian's 2.0.2 sits in the system library folder, where a plain dlopen would find it first.
        Skip.IfNot(File.Exists(DebianLibrdkafka), $"{DebianLibrdkafka} is not installed (apt-get install librdkafka1 to run this case).");
        var loaded = LibrdkafkaLoader.EnsureLoaded();

        Assert.NotEqual(DebianLibrdkafka, loaded.Path);
        Assert.Equal("2.16.0", Confluent.Kafka.Library.VersionString);
        // Version 2.x consumers crash on Debian's build; one that subscribes and polls proves the right one is bound.
        using var consumer = new Confluent.Kafka.ConsumerBuilder<byte[], byte[]>(new Confluent.Kafka.ConsumerConfig
        {
            BootstrapServers = "127.0.0.1:1",
            GroupId = "loader-test",
        }).SetLogHandler((_, _) => { }).Build();
        consumer.Subscribe("loader-test");
        Assert.Null(consumer.Consume(TimeSpan.FromMilliseconds(100)));
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
