using Elastic.Clients.Elasticsearch;
using OfficialClient = Elastic.Clients.Elasticsearch.ElasticsearchClient;
using Elastic.Clients.Elasticsearch.Cluster;
using Etl.Elastic.Transport;

namespace Etl.Elastic.Cluster;

public sealed class ClusterClient
{
    private readonly OfficialClient _client;

    internal ClusterClient(OfficialClient client) => _client = client;

    /// <summary>
    /// <c>GET _cluster/health</c>; with <paramref name="waitForStatus"/> Elasticsearch holds the answer until the
    /// status is reached or <paramref name="timeout"/> passes (then <see cref="ClusterHealth.TimedOut"/> is true).
    /// </summary>
    public async Task<ClusterHealth> HealthAsync(string? waitForStatus = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var request = new HealthRequest
        {
            WaitForStatus = waitForStatus switch
            {
                null => null,
                "green" => HealthStatus.Green,
                "yellow" => HealthStatus.Yellow,
                "red" => HealthStatus.Red,
                _ => throw new ArgumentException($"Unknown health status '{waitForStatus}'; use green, yellow or red.", nameof(waitForStatus)),
            },
            Timeout = timeout is TimeSpan t ? (Duration)ElasticsearchTimeUnits.Format(t) : null,
        };
        // A timed-out wait is answered with 408 and the usual body; that is a result, not a failure.
        var response = await ClientCall.RunAsync("GET _cluster/health", () => _client.Cluster.HealthAsync(request, cancellationToken), tolerated: 408);

        return new ClusterHealth(
            response.ClusterName ?? "",
            response.Status.ToString().ToLowerInvariant(),
            response.NumberOfNodes,
            response.ActiveShards,
            response.UnassignedShards,
            response.TimedOut);
    }
}
