using System.Numerics.Tensors;

namespace Etl.Enrichment.Sentiment;

/// <summary>
/// Derives a <see cref="SentimentWordClusters"/> table offline (training time only): the most frequent words of the
/// training texts as the featurizer normalises them, one embedding per word, and spherical k-means per granularity.
/// Deterministic: ordinal tie-breaks, a seeded k-means++ start and a single thread.
/// </summary>
public static class WordClusterBuilder
{
    /// <summary>
    /// The <paramref name="maxWords"/> most frequent words (counted once per text) seen at least
    /// <paramref name="minCount"/> times, most frequent first, ties in ordinal order. Words without a letter are left out.
    /// </summary>
    public static IReadOnlyList<string> Vocabulary(IEnumerable<string> texts, int maxWords, int minCount)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            seen.Clear();
            foreach (var word in SentimentFeatures.LexiconWords(text))
            {
                if (seen.Add(word.Word) && word.Word.Any(char.IsLetter))
                {
                    counts[word.Word] = counts.GetValueOrDefault(word.Word) + 1;
                }
            }
        }

        return [.. counts.Where(c => c.Value >= minCount)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(maxWords).Select(c => c.Key)];
    }

    /// <summary>
    /// Spherical k-means (cosine similarity; <paramref name="vectors"/> are L2-normalised) into <paramref name="k"/>
    /// clusters: k-means++ seeding from <paramref name="seed"/>, then at most <paramref name="iterations"/> rounds of
    /// assignment and re-normalised mean centroids, stopping early when no word moves. Returns each vector's cluster.
    /// </summary>
    public static int[] KMeans(IReadOnlyList<float[]> vectors, int k, int seed, int iterations = 25, Action<int, int>? afterIteration = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (k < 1 || k > vectors.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"Need 1 <= k <= {vectors.Count} vectors.");
        }

        var dims = vectors[0].Length;
        var random = new Random(seed);
        var centroids = new float[k][];

        // k-means++: each next centroid is drawn with probability proportional to its distance (1 - cosine) to the nearest chosen one.
        var nearest = new double[vectors.Count];
        Array.Fill(nearest, double.MaxValue);
        centroids[0] = (float[])vectors[random.Next(vectors.Count)].Clone();
        for (var c = 1; c < k; c++)
        {
            double total = 0;
            var previous = centroids[c - 1];
            for (var i = 0; i < vectors.Count; i++)
            {
                var distance = Math.Max(0, 1 - TensorPrimitives.Dot(vectors[i], previous));
                nearest[i] = Math.Min(nearest[i], distance);
                total += nearest[i];
            }

            var target = random.NextDouble() * total;
            var chosen = vectors.Count - 1;
            for (var i = 0; i < vectors.Count; i++)
            {
                target -= nearest[i];
                if (target <= 0)
                {
                    chosen = i;
                    break;
                }
            }

            centroids[c] = (float[])vectors[chosen].Clone();
        }

        var assignment = new int[vectors.Count];
        Array.Fill(assignment, -1);
        var sums = new double[k * dims];
        var sizes = new int[k];
        for (var round = 0; round < iterations; round++)
        {
            var moved = 0;
            for (var i = 0; i < vectors.Count; i++)
            {
                var best = 0;
                var bestSimilarity = float.MinValue;
                for (var c = 0; c < k; c++)
                {
                    var similarity = TensorPrimitives.Dot(vectors[i], centroids[c]);
                    if (similarity > bestSimilarity)
                    {
                        bestSimilarity = similarity;
                        best = c;
                    }
                }

                moved += assignment[i] == best ? 0 : 1;
                assignment[i] = best;
            }

            afterIteration?.Invoke(round, moved);
            if (moved == 0)
            {
                break;
            }

            Array.Clear(sums);
            Array.Clear(sizes);
            for (var i = 0; i < vectors.Count; i++)
            {
                var offset = assignment[i] * dims;
                sizes[assignment[i]]++;
                for (var d = 0; d < dims; d++)
                {
                    sums[offset + d] += vectors[i][d];
                }
            }

            for (var c = 0; c < k; c++)
            {
                if (sizes[c] == 0)
                {
                    continue; // an emptied cluster keeps its centroid
                }

                double norm = 0;
                for (var d = 0; d < dims; d++)
                {
                    norm += sums[(c * dims) + d] * sums[(c * dims) + d];
                }

                var scale = norm > 0 ? 1 / Math.Sqrt(norm) : 0;
                for (var d = 0; d < dims; d++)
                {
                    centroids[c][d] = (float)(sums[(c * dims) + d] * scale);
                }
            }
        }

        return assignment;
    }

    /// <summary>The table for <paramref name="words"/> and their <paramref name="vectors"/>: one k-means per cluster count in <paramref name="levels"/>.</summary>
    public static SentimentWordClusters Build(IReadOnlyList<string> words, IReadOnlyList<float[]> vectors, IReadOnlyList<int> levels, int seed, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(levels);
        var perLevel = new int[levels.Count][];
        for (var l = 0; l < levels.Count; l++)
        {
            var k = levels[l];
            perLevel[l] = KMeans(vectors, k, seed + l, afterIteration: (round, moved) => log?.Invoke($"k={k} round {round + 1}: {moved} words moved"));
        }

        var entries = new List<(string, ushort[])>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            entries.Add((words[i], [.. perLevel.Select(a => (ushort)a[i])]));
        }

        return new SentimentWordClusters(levels, entries);
    }
}
