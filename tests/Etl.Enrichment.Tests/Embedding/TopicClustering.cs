using System.Text.RegularExpressions;

namespace Etl.Enrichment.Tests.Embedding;

/// <summary>
/// What the quality tests measure with: two clusterings on cosine similarity, both deterministic — average-linkage
/// agglomerative cut at the number of topics, and spherical k-means (k-means++ starts from fixed seeds, the best of
/// several restarts by its own objective, which favours sparse TF-IDF vectors) — normalised mutual information against
/// the labels, and a TF-IDF baseline (unigrams, sublinear tf, smoothed idf, English stop words removed, L2-normalised).
/// </summary>
public static partial class TopicClustering
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "so", "to", "of", "in", "on", "at", "for", "with", "by", "from", "up", "out",
        "is", "are", "was", "were", "be", "been", "it", "its", "it's", "this", "that", "i", "i'm", "my", "me", "we", "our",
        "you", "your", "he", "she", "they", "them", "his", "her", "their", "just", "now", "again", "all", "every", "no", "not",
        "after", "before", "because", "since", "until", "what", "why", "how", "does", "do", "did", "has", "have", "had", "will",
        "can't", "won't", "still", "only", "so", "very", "too", "way", "one", "than", "then", "there", "here", "as", "if", "about",
    };

    /// <summary>Cluster index per item; <paramref name="vectors"/> are unit length, so a dot product is the cosine.</summary>
    public static int[] AverageLinkage(IReadOnlyList<float[]> vectors, int clusters)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var n = vectors.Count;
        var similarity = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                similarity[i, j] = similarity[j, i] = Dot(vectors[i], vectors[j]);
            }
        }

        var members = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        // Sum of pairwise similarities between clusters a and b; average = sum / (|a|·|b|).
        var sums = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                sums[i, j] = similarity[i, j];
            }
        }

        var alive = Enumerable.Range(0, n).ToList();
        while (alive.Count > clusters)
        {
            var (bestA, bestB, best) = (-1, -1, double.NegativeInfinity);
            for (var x = 0; x < alive.Count; x++)
            {
                for (var y = x + 1; y < alive.Count; y++)
                {
                    var (a, b) = (alive[x], alive[y]);
                    var average = sums[a, b] / (members[a].Count * members[b].Count);
                    if (average > best)
                    {
                        (bestA, bestB, best) = (a, b, average);
                    }
                }
            }

            foreach (var other in alive)
            {
                sums[bestA, other] += sums[bestB, other];
                sums[other, bestA] = sums[bestA, other];
            }

            members[bestA].AddRange(members[bestB]);
            alive.Remove(bestB);
        }

        var labels = new int[n];
        for (var c = 0; c < alive.Count; c++)
        {
            foreach (var item in members[alive[c]])
            {
                labels[item] = c;
            }
        }

        return labels;
    }

    /// <summary>Cluster index per item: spherical k-means (centroids re-normalised), best of <paramref name="restarts"/> by total cosine.</summary>
    public static int[] SphericalKMeans(IReadOnlyList<float[]> vectors, int clusters, int restarts = 10)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var (best, bestScore) = (Array.Empty<int>(), double.NegativeInfinity);
        for (var restart = 0; restart < restarts; restart++)
        {
            var random = new Random(restart);
            var centroids = new List<float[]> { vectors[random.Next(vectors.Count)] };
            while (centroids.Count < clusters)
            {
                // k-means++: a far item is more likely to start the next cluster.
                var distance = vectors.Select(v => Math.Max(0, 1 - centroids.Max(c => Dot(v, c)))).ToArray();
                var pick = random.NextDouble() * distance.Sum();
                var index = 0;
                while (index < distance.Length - 1 && (pick -= distance[index]) > 0)
                {
                    index++;
                }

                centroids.Add(vectors[index]);
            }

            var labels = new int[vectors.Count];
            for (var iteration = 0; iteration < 50; iteration++)
            {
                var moved = false;
                for (var i = 0; i < vectors.Count; i++)
                {
                    var nearest = Enumerable.Range(0, clusters).MaxBy(c => Dot(vectors[i], centroids[c]));
                    moved |= nearest != labels[i];
                    labels[i] = nearest;
                }

                for (var c = 0; c < clusters; c++)
                {
                    var sum = new float[vectors[0].Length];
                    for (var i = 0; i < vectors.Count; i++)
                    {
                        if (labels[i] == c)
                        {
                            for (var d = 0; d < sum.Length; d++)
                            {
                                sum[d] += vectors[i][d];
                            }
                        }
                    }

                    var norm = MathF.Sqrt(sum.Sum(x => x * x));
                    centroids[c] = norm > 0 ? [.. sum.Select(x => x / norm)] : centroids[c];
                }

                if (!moved && iteration > 0)
                {
                    break;
                }
            }

            var score = Enumerable.Range(0, vectors.Count).Sum(i => Dot(vectors[i], centroids[labels[i]]));
            if (score > bestScore)
            {
                (best, bestScore) = (labels, score);
            }
        }

        return best;
    }

    /// <summary>Mutual information over the mean of the two entropies (1 = the topics exactly, 0 = unrelated).</summary>
    public static double NormalizedMutualInformation(IReadOnlyList<string> truth, IReadOnlyList<int> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        var n = (double)truth.Count;
        var joint = truth.Zip(predicted).GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        var byTruth = truth.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var byCluster = predicted.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        var mutual = joint.Sum(kv => kv.Value / n * Math.Log(kv.Value * n / (byTruth[kv.Key.First] * (double)byCluster[kv.Key.Second])));
        var entropyTruth = -byTruth.Values.Sum(c => c / n * Math.Log(c / n));
        var entropyCluster = -byCluster.Values.Sum(c => c / n * Math.Log(c / n));
        return mutual / ((entropyTruth + entropyCluster) / 2);
    }

    /// <summary>TF-IDF vectors over the corpus's own vocabulary, dense and L2-normalised.</summary>
    public static float[][] TfIdf(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var documents = texts.Select(t => Words().Matches(t.ToLowerInvariant()).Select(m => m.Value).Where(w => !StopWords.Contains(w)).ToList()).ToList();
        var vocabulary = documents.SelectMany(d => d).Distinct().Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i, StringComparer.Ordinal);
        var frequency = new int[vocabulary.Count];
        foreach (var document in documents)
        {
            foreach (var word in document.Distinct())
            {
                frequency[vocabulary[word]]++;
            }
        }

        return documents.Select(document =>
        {
            var vector = new float[vocabulary.Count];
            foreach (var (word, count) in document.GroupBy(w => w).Select(g => (g.Key, g.Count())))
            {
                var index = vocabulary[word];
                vector[index] = (float)((1 + Math.Log(count)) * (1 + Math.Log((1.0 + documents.Count) / (1 + frequency[index]))));
            }

            var norm = MathF.Sqrt(vector.Sum(v => v * v));
            return norm > 0 ? vector.Select(v => v / norm).ToArray() : vector;
        }).ToArray();
    }

    private static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    [GeneratedRegex(@"[a-z0-9']+")]
    private static partial Regex Words();
}
