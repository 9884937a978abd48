using Etl.Worker.Hosting;
using Microsoft.Extensions.Configuration;

namespace Etl.Worker.Tests.Hosting;

public sealed class WorkerSettingsTests
{
    [Fact]
    public void Defaults_load()
    {
        var settings = WorkerSettings.Load(new ConfigurationBuilder().Build());
        Assert.Equal("tweets.raw", settings.Pipeline.Topic);
        Assert.Equal(9100, settings.Observability.Port);
    }

    [Fact]
    public void Every_problem_in_every_section_is_listed_at_once()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "kafka-without-port",
            ["Pipeline:BatchMaxDocuments"] = "0",
            ["Pipeline:BatchSize"] = "500",
            ["Observability:Port"] = "70000",
            ["Elasticsearch:Url"] = "not a url",
        }).Build();

        var ex = Assert.Throws<ConfigurationProblemsException>(() => WorkerSettings.Load(configuration));

        Assert.Contains(ex.Problems, p => p.Contains("'kafka-without-port' is not host:port", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("BatchSize", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("Observability:Port is 70000", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("not a url", StringComparison.Ordinal));
        Assert.Contains($"{ex.Problems.Count} problem(s)", ex.Message);
    }
}
