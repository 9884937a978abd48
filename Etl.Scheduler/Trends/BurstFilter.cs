namespace Etl.Scheduler.Trends;

/// <summary>
/// Keeps the tweets of a window that sit in a burst: the window is denser around them than the baseline was. For
/// each tweet, the similarity of its k-th nearest neighbour in the window is compared with that of its
/// (k × baseline windows)-th nearest in the baseline — the same expected count at the same density, so a steady topic
/// scores about zero and a new one scores high. A paraphrased event has no shared word to count, but its tweets are
/// near each other and near nothing that came before. Clustering only these tweets finds the event without the
/// background swallowing or splitting it. Both sets are capped by even sampling, so the cost stays bounded.
/// </summary>
public static class BurstFilter
{
    /// <returns>Indexes into <paramref name="window"/> of the tweets in a burst, ascending.</returns>
    public static IReadOnlyList<int> Bursting(IReadOnlyList<float[]> window, IReadOnlyList<float[]> baseline, int baselineWindows, TrendSettings settings)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(settings);
        var windowSample = Sample(window.Count, settings.BurstSampleCap);
        var baselineSample = Sample(baseline.Count, settings.BurstSampleCap);
        var k = settings.BurstNeighbours;
        // The rank in each sample that stands for the same density: k per window's worth of (sampled) tweets.
        var windowRank = Math.Max(1, (int)Math.Round(k * (double)windowSample.Length / Math.Max(1, window.Count)));
        var baselineRank = Math.Max(1, (int)Math.Round(k * Math.Max(1, baselineWindows) * (double)baselineSample.Length / Math.Max(1, baseline.Count)));
        var windowSims = new float[windowSample.Length];
        var baselineSims = new float[baselineSample.Length];
        var result = new List<int>();
        for (var i = 0; i < window.Count; i++)
        {
            var vector = window[i];
            var n = 0;
            foreach (var j in windowSample)
            {
                if (j != i)
                {
                    windowSims[n++] = VectorMath.Dot(vector, window[j]);
                }
            }

            if (n < windowRank)
            {
                continue;
            }

            var near = KthLargest(windowSims.AsSpan(0, n), windowRank);
            if (near < settings.BurstMinSimilarity)
            {
                continue;
            }

            var m = 0;
            foreach (var j in baselineSample)
            {
                baselineSims[m++] = VectorMath.Dot(vector, baseline[j]);
            }

            var before = m >= baselineRank ? KthLargest(baselineSims.AsSpan(0, m), baselineRank) : -1f;
            if (near - before >= settings.BurstMargin)
            {
                result.Add(i);
            }
        }

        return result;
    }

    private static float KthLargest(Span<float> values, int k)
    {
        values.Sort();
        return values[^k];
    }

    private static int[] Sample(int count, int cap)
    {
        if (count <= cap)
        {
            return [.. Enumerable.Range(0, count)];
        }

        var step = (double)count / cap;
        return [.. Enumerable.Range(0, cap).Select(k => (int)(k * step))];
    }
}
