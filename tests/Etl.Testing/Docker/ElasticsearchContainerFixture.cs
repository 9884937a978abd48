using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace Etl.Testing.Docker;

/// <summary>
/// A real single-node Elasticsearch 9 in Docker (a generic Testcontainers container: Testcontainers.Elasticsearch is
/// not on the package mirror), for tests that must see the real server's behaviour. <see cref="SkipReason"/> is set
/// instead when no Docker engine is reachable; tests call <c>Skip.If(fixture.SkipReason is not null, fixture.SkipReason)</c>.
/// </summary>
public sealed class ElasticsearchContainerFixture : IAsyncLifetimeFixture
{
    private const int HttpPort = 9200;

    private IContainer? container;

    public Uri? Url { get; private set; }

    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        SkipReason = DockerAvailability.SkipReason;
        if (SkipReason is not null)
        {
            return;
        }

        container = new ContainerBuilder(RealServerImages.Elasticsearch)
            .WithPortBinding(HttpPort, assignRandomHostPort: true)
            .WithEnvironment("discovery.type", "single-node")
            .WithEnvironment("xpack.security.enabled", "false")
            .WithEnvironment("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r
                .ForPort(HttpPort)
                .ForPath("/_cluster/health?wait_for_status=yellow&timeout=5s")))
            .Build();
        await container.StartAsync();
        Url = new Uri($"http://{container.Hostname}:{container.GetMappedPublicPort(HttpPort)}/");
    }

    public async Task DisposeAsync()
    {
        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }
}
