namespace Etl.Scheduler.Trends;

/// <summary>
/// Leader/threshold clustering on unit vectors by cosine similarity, then merging of near-duplicate clusters and one
/// reassignment pass. Unlike k-means it needs no k: the number of topics in a window is whatever the data holds,
/// and one pass is linear in tweets × clusters. Deterministic for the same input order.
/// </summary>
public static class ThresholdClusterer
{
    /// <param name="vectors">Unit-length vectors, all of the same dimension.</param>
    /// <param name="joinSimilarity">Similarity to a centroid needed to join its cluster.</param>
    /// <param name="mergeSimilarity">Centroid similarity at which two clusters are one.</param>
    public static IReadOnlyList<VectorCluster> Cluster(IReadOnlyList<float[]> vectors, double joinSimilarity, double mergeSimilarity)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Count == 0)
        {
            return [];
        }

        var dimensions = vectors[0].Length;
        var sums = new List<float[]>();
        var centroids = new List<float[]>();
        var counts = new List<int>();

        // Leader pass: each vector joins the most similar existing centroid, or leads a new cluster.
        foreach (var vector in vectors)
        {
            var (best, similarity) = Nearest(centroids, vector);
            if (best >= 0 && similarity >= joinSimilarity)
            {
                VectorMath.Add(sums[best], vector);
                centroids[best] = VectorMath.Normalized(sums[best]);
                counts[best]++;
            }
            else
            {
                var sum = new float[dimensions];
                VectorMath.Add(sum, vector);
                sums.Add(sum);
                centroids.Add(VectorMath.Normalized(sum));
                counts.Add(1);
            }
        }

        // Merge pass: the leader pass splits a topic when its first tweets were atypical; larger clusters absorb smaller ones.
        var order = Enumerable.Range(0, centroids.Count).OrderByDescending(c => counts[c]).ThenBy(c => c).ToList();
        var kept = new List<int>();
        foreach (var c in order)
        {
            var target = -1;
            var bestSimilarity = mergeSimilarity;
            foreach (var k in kept)
            {
                var similarity = VectorMath.Dot(centroids[k], centroids[c]);
                if (similarity >= bestSimilarity)
                {
                    target = k;
                    bestSimilarity = similarity;
                }
            }

            if (target >= 0)
            {
                VectorMath.Add(sums[target], sums[c]);
                centroids[target] = VectorMath.Normalized(sums[target]);
            }
            else
            {
                kept.Add(c);
            }
        }

        // Reassignment pass: centroids moved while the clusters grew, so early members may now belong elsewhere.
        var finalCentroids = kept.Select(k => centroids[k]).ToList();
        var members = finalCentroids.Select(_ => new List<int>()).ToList();
        var singletons = new List<int>();
        for (var i = 0; i < vectors.Count; i++)
        {
            var (best, similarity) = Nearest(finalCentroids, vectors[i]);
            if (best >= 0 && similarity >= joinSimilarity)
            {
                members[best].Add(i);
            }
            else
            {
                singletons.Add(i);
            }
        }

        var result = new List<VectorCluster>();
        for (var c = 0; c < members.Count; c++)
        {
            if (members[c].Count == 0)
            {
                continue;
            }

            var sum = new float[dimensions];
            foreach (var i in members[c])
            {
                VectorMath.Add(sum, vectors[i]);
            }

            result.Add(new VectorCluster(members[c], VectorMath.Normalized(sum)));
        }

        result.AddRange(singletons.Select(i => new VectorCluster([i], VectorMath.Normalized(vectors[i]))));
        return [.. result.OrderByDescending(c => c.Members.Count).ThenBy(c => c.Members[0])];
    }

    private static (int Index, double Similarity) Nearest(List<float[]> centroids, float[] vector)
    {
        var best = -1;
        var bestSimilarity = double.NegativeInfinity;
        for (var c = 0; c < centroids.Count; c++)
        {
            var similarity = VectorMath.Dot(centroids[c], vector);
            if (similarity > bestSimilarity)
            {
                best = c;
                bestSimilarity = similarity;
            }
        }

        return (best, bestSimilarity);
    }
}
