using System.Text.Json.Nodes;

namespace Etl.Testing.Elasticsearch;

/// <summary>Whole-request error bodies in Elasticsearch's shape: <c>{"error": {root_cause, type, reason}, "status"}</c>.</summary>
public static class ElasticsearchErrorBodies
{
    public static string Error(int status, string type, string reason)
    {
        var cause = new JsonObject { ["type"] = type, ["reason"] = reason };
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["root_cause"] = new JsonArray(cause),
                ["type"] = type,
                ["reason"] = reason,
            },
            ["status"] = status,
        };
        return body.ToJsonString();
    }

    /// <summary>The body Elasticsearch sends for a status used to simulate trouble (429 indexing pressure, 503 no master...).</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => Error(400, "illegal_argument_exception", "Malformed action/metadata line [1], expected START_OBJECT but found [VALUE_STRING]"),
        429 => Error(429, "es_rejected_execution_exception",
            "rejected execution of coordinating operation [coordinating_and_primary_bytes=104759862, replica_bytes=0, " +
            "all_bytes=104759862, coordinating_operation_bytes=20862272, max_coordinating_and_primary_bytes=107374182]"),
        503 => Error(503, "cluster_block_exception", "blocked by: [SERVICE_UNAVAILABLE/2/no master];"),
        500 => Error(500, "exception", "stub: scripted internal server error"),
        401 => Error(401, "security_exception", "missing authentication credentials for REST request [/_bulk]"),
        403 => Error(403, "security_exception",
            "action [indices:data/write/bulk[s]] is unauthorized for user [tweet-etl] with effective roles [viewer] on indices [tweets-2024.05], " +
            "this action is granted by the index privileges [create_doc,create,delete,index,write,all]"),
        _ => Error(status, "stub_scripted_failure", $"stub: scripted failure with status {status}"),
    };
}
