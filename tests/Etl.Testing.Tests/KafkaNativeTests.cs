using Etl.Schemas.Kafka;
using Xunit;

namespace Etl.Testing.Tests;

public sealed class KafkaNativeTests
{
    [Fact]
    public void The_system_librdkafka_loads_and_reports_its_version()
    {
        KafkaNative.EnsureLoaded();
        Assert.Matches(@"^\d+\.\d+\.\d+", KafkaNative.Version);
        // Confluent.Kafka's own view of the native library agrees.
        Assert.Equal(KafkaNative.Version, Confluent.Kafka.Library.VersionString);
    }

    [Fact]
    public void The_missing_library_error_names_the_package_to_install()
    {
        var ex = new LibrdkafkaNotFoundException(["librdkafka.so.1"]);
        Assert.Contains("apt-get install librdkafka1", ex.Message);
        Assert.Contains("LIBRDKAFKA_PATH", ex.Message);
    }
}
