namespace Etl.Elastic.Cluster;

/// <summary>The parts of <c>_cluster/health</c> the hosts report and wait on.</summary>
public sealed record ClusterHealth(string ClusterName, string Status, int NumberOfNodes, int ActiveShards, int UnassignedShards, bool TimedOut)
{
    /// <summary>Green or yellow: every primary shard is assigned, so reads and writes work.</summary>
    public bool IsUsable => Status is "green" or "yellow";
}
