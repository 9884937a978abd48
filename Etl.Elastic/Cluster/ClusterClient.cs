using System.Text.Json;
using Etl.Elastic.Transport;

namespace Etl.Elastic.Cluster;

public sealed class ClusterClient
{
    private readonly ElasticsearchTransport _transport;

    public ClusterClient(ElasticsearchTransport transport) => _transport = transport;

    /// <summary>
    /// <c>GET _cluster/health</c>; with <paramref name="waitForStatus"/> Elasticsearch holds the answer until the
    /// status is reached or <paramref name="timeout"/> passes (then <see cref="ClusterHealth.TimedOut"/> is true).
    /// </summary>
    public async Task<ClusterHealth> HealthAsync(string? waitForStatus = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (waitForStatus is not null)
        {
            query.Add("wait_for_status=" + Uri.EscapeDataString(waitForStatus));
        }

        if (timeout is TimeSpan t)
        {
            query.Add("timeout=" + ElasticsearchTimeUnits.Format(t));
        }

        var path = query.Count == 0 ? "_cluster/health" : "_cluster/health?" + string.Join('&', query);
        // A timed-out wait is answered with 408 and the usual body; that is a result, not a failure.
        using var document = await _transport.SendAsync(HttpMethod.Get, path, null, cancellationToken, alsoSuccess: 408);
        var root = document!.RootElement;
        return new ClusterHealth(
            root.GetProperty("cluster_name").GetString() ?? "",
            root.GetProperty("status").GetString() ?? "red",
            Int(root, "number_of_nodes"),
            Int(root, "active_shards"),
            Int(root, "unassigned_shards"),
            root.TryGetProperty("timed_out", out var timedOut) && timedOut.ValueKind == JsonValueKind.True);
    }

    private static int Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.TryGetInt32(out var n) ? n : 0;
}
