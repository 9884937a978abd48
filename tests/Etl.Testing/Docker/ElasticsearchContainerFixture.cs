
namespace Etl.Testing.Docker;

/// <summary>
/// A real single-node Elasticsearch 8 in Docker, for tests that must see the real server's behaviour.
/// <see cref="SkipReason"/> is set instead when no Docker engine is reachable; tests call
/// <c>Skip.If(fixture.SkipReason is not null, fixture.SkipReason)</c>.
/// </summary>
public sealed class ElasticsearchContainerFixture : IAsyncLifetimeFixture
{
    private DockerEngine? engine;
    private DockerContainer? container;

    public Uri? Url { get; private set; }

    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        (engine, SkipReason) = await DockerEngine.TryConnectAsync();
        if (engine is null)
        {
            return;
        }

        var port = Network.FreeTcpPort.Next();
        container = await engine.RunAsync(
            RealServerImages.Elasticsearch,
            new Dictionary<string, string>
            {
                ["discovery.type"] = "single-node",
                ["xpack.security.enabled"] = "false",
                ["ES_JAVA_OPTS"] = "-Xms512m -Xmx512m",
            },
            new Dictionary<int, int> { [9200] = port });
        Url = new Uri($"http://127.0.0.1:{port}/");
        await ReadinessProbe.WaitForHttpAsync(new Uri(Url, "_cluster/health?wait_for_status=yellow&timeout=5s"), TimeSpan.FromMinutes(3));
    }

    public async Task DisposeAsync()
    {
        if (container is not null)
        {
            await container.DisposeAsync();
        }

        engine?.Dispose();
    }
}
