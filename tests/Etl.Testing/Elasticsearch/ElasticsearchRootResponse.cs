using System.Text.Json.Nodes;

namespace Etl.Testing.Elasticsearch;

/// <summary>The answer to <c>GET /</c> of an Elasticsearch 9.4 node, the version the stack runs.</summary>
public static class ElasticsearchRootResponse
{
    public const string Version = "9.4.1";

    public static string Body(string clusterName = "stub-cluster") => new JsonObject
    {
        ["name"] = "stub-node-1",
        ["cluster_name"] = clusterName,
        ["cluster_uuid"] = "qBqMYFbCR7aOkxqUYQeTXw",
        ["version"] = new JsonObject
        {
            ["number"] = Version,
            ["build_flavor"] = "default",
            ["build_type"] = "docker",
            ["build_hash"] = "0000000000000000000000000000000000000000",
            ["build_date"] = "2026-05-06T10:00:00.000Z",
            ["build_snapshot"] = false,
            ["lucene_version"] = "10.3.1",
            ["minimum_wire_compatibility_version"] = "8.19.0",
            ["minimum_index_compatibility_version"] = "8.0.0",
        },
        ["tagline"] = "You Know, for Search",
    }.ToJsonString();
}
