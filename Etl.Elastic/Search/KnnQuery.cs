using System.Text.Json.Nodes;

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
    public JsonNode? Filter { get; init; }

    /// <summary>Minimum similarity a hit must have; null for none.</summary>
    public float? Similarity { get; init; }

    public JsonObject ToJson()
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

        var vector = new JsonArray();
        foreach (var value in QueryVector)
        {
            vector.Add(value);
        }

        var json = new JsonObject
        {
            ["field"] = Field,
            ["query_vector"] = vector,
            ["k"] = K,
            ["num_candidates"] = NumCandidates,
        };
        if (Filter is not null)
        {
            json["filter"] = Filter.DeepClone();
        }

        if (Similarity is float similarity)
        {
            json["similarity"] = similarity;
        }

        return json;
    }
}
