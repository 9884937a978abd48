using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.QueryDsl;

namespace Etl.Elastic.Search;

/// <summary>
/// Approximate nearest-neighbour search on a <c>dense_vector</c> field: the <paramref name="K"/> closest of
/// <paramref name="NumCandidates"/> candidates per shard. More candidates: better recall, slower.
/// </summary>
public sealed record KnnQuery(string Field, IReadOnlyList<float> QueryVector, int K, int NumCandidates)
{
    /// <summary>Elasticsearch's upper bound for <c>num_candidates</c>.</summary>
    public const int MaxCandidates = 10_000;

    /// <summary>A query (e.g. a time range) documents must match before they are ranked by similarity.</summary>
    public Query? Filter { get; init; }

    /// <summary>Minimum similarity a hit must have; null for none.</summary>
    public float? Similarity { get; init; }

    public KnnSearch ToClient()
    {
        if (QueryVector.Count == 0)
        {
            throw new InvalidOperationException($"kNN on '{Field}' has an empty query vector; embed the query text first.");
        }

        if (K < 1 || NumCandidates < K || NumCandidates > MaxCandidates)
        {
            throw new InvalidOperationException(
                $"kNN on '{Field}' has k={K}, num_candidates={NumCandidates}; need 1 <= k <= num_candidates <= {MaxCandidates}.");
        }

        return new KnnSearch
        {
            Field = Field,
            QueryVector = [.. QueryVector],
            K = K,
            NumCandidates = NumCandidates,
            Filter = Filter is null ? null : [Filter],
            Similarity = Similarity,
        };
    }
}
