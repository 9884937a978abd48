using System.Globalization;
using System.Text;

namespace Etl.Scheduler.Trends;

/// <summary>
/// Finds trends in one window: clusters the window's embeddings, keeps clusters that are large, grew against the
/// baseline windows and are about something distinctive, labels them, and gives each the id of the recent trend it
/// continues (or a new one). Pure: the caller supplies the tweets and the recent trends, so the scheduled job and the
/// offline <c>trends</c> command share every decision.
/// </summary>
public sealed class TrendDetector
{
    private readonly TrendSettings _settings;

    public TrendDetector(TrendSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    public TrendSettings Settings => _settings;

    /// <param name="windowStart">Start of the window; it ends one <see cref="TrendSettings.Window"/> later.</param>
    /// <param name="window">Tweets created in the window.</param>
    /// <param name="baseline">Tweets of the <paramref name="baselineWindows"/> windows before it.</param>
    /// <param name="baselineWindows">How many windows <paramref name="baseline"/> spans (fewer at the start of a stream).</param>
    /// <param name="recent">Trends reported in recent windows, newest last, whose ids continuing clusters keep.</param>
    /// <returns>The window's trends, highest score first.</returns>
    public IReadOnlyList<TrendCluster> Detect(
        DateTimeOffset windowStart,
        IReadOnlyList<TrendTweet> window,
        IReadOnlyList<TrendTweet> baseline,
        int baselineWindows,
        IReadOnlyList<TrendCluster> recent)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(recent);
        if (window.Count == 0 || baselineWindows < _settings.MinBaselineWindows)
        {
            return [];
        }

        var vectors = window.Select(t => VectorMath.Normalized(t.Embedding)).ToList();
        var baselineVectors = baseline.Select(t => VectorMath.Normalized(t.Embedding)).ToList();
        var minSize = Math.Max(_settings.MinClusterSize, (int)Math.Ceiling(_settings.MinClusterShare * window.Count));
        var clusters = Clusters(vectors, baselineVectors, baselineWindows);
        TermCounts? baselineTerms = null;
        var found = new List<(VectorCluster Cluster, ClusterLabel Label, double Growth, double Score)>();
        foreach (var cluster in clusters.Where(c => c.Members.Count >= minSize))
        {
            var current = Near(vectors, cluster.Centroid);
            var rate = (double)Near(baselineVectors, cluster.Centroid) / baselineWindows;
            var growth = (current + _settings.BaselinePrior) / (rate + _settings.BaselinePrior);
            if (growth < _settings.MinGrowth)
            {
                continue;
            }

            baselineTerms ??= TermCounts.Of(baseline);
            var members = cluster.Members.Select(i => window[i]).ToList();
            var label = ClusterLabeler.Label(members, baselineTerms, _settings.TopTerms, _settings.TopHashtags);
            if (label.TopShare < _settings.MinTopTermShare || (label.TopTerms.Count == 0 && label.TopHashtags.Count == 0))
            {
                continue;
            }

            found.Add((cluster, label, growth, cluster.Members.Count * Math.Log(growth)));
        }

        var windowEnd = windowStart + _settings.Window;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var trends = new List<TrendCluster>();
        foreach (var (cluster, label, growth, score) in found.OrderByDescending(f => f.Score))
        {
            var id = Continued(recent, cluster.Centroid, taken) ?? NewId(windowStart, label, taken);
            taken.Add(id);
            trends.Add(new TrendCluster
            {
                TrendId = id,
                WindowStart = windowStart,
                WindowEnd = windowEnd,
                Label = label.Text,
                TopTerms = label.TopTerms,
                TopHashtags = label.TopHashtags,
                Size = cluster.Members.Count,
                Growth = Math.Round(growth, 3),
                Score = Math.Round(score, 3),
                SampleTweetIds = [.. cluster.Members
                    .OrderByDescending(i => VectorMath.Dot(vectors[i], cluster.Centroid)).ThenBy(i => i)
                    .Take(_settings.SampleTweets)
                    .Select(i => window[i].Id)],
                Centroid = cluster.Centroid,
            });
        }

        return trends;
    }

    private IReadOnlyList<VectorCluster> Clusters(List<float[]> vectors, List<float[]> baselineVectors, int baselineWindows)
    {
        if (_settings.BurstMargin <= 0)
        {
            return ThresholdClusterer.Cluster(vectors, _settings.JoinSimilarity, _settings.MergeSimilarity);
        }

        var bursting = BurstFilter.Bursting(vectors, baselineVectors, baselineWindows, _settings);
        var clusters = ThresholdClusterer.Cluster([.. bursting.Select(i => vectors[i])], _settings.JoinSimilarity, _settings.MergeSimilarity);
        return [.. clusters.Select(c => c with { Members = [.. c.Members.Select(m => bursting[m])] })];
    }

    private int Near(List<float[]> vectors, float[] centroid)
    {
        var count = 0;
        foreach (var vector in vectors)
        {
            if (VectorMath.Dot(vector, centroid) >= _settings.EffectiveGrowthSimilarity)
            {
                count++;
            }
        }

        return count;
    }

    private string? Continued(IReadOnlyList<TrendCluster> recent, float[] centroid, HashSet<string> taken)
    {
        string? best = null;
        var bestSimilarity = _settings.ContinuitySimilarity;
        // Newest last: on a tie the most recent trend wins, so a trend that split and rejoined keeps its latest id.
        foreach (var trend in recent)
        {
            if (taken.Contains(trend.TrendId) || trend.Centroid.Length != centroid.Length)
            {
                continue;
            }

            var similarity = VectorMath.Dot(VectorMath.Normalized(trend.Centroid), centroid);
            if (similarity >= bestSimilarity)
            {
                best = trend.TrendId;
                bestSimilarity = similarity;
            }
        }

        return best;
    }

    /// <summary>Deterministic, readable and unique within the window: <c>20240501T0030-solareclipse</c>.</summary>
    private static string NewId(DateTimeOffset windowStart, ClusterLabel label, HashSet<string> taken)
    {
        var subject = label.TopHashtags.Count > 0 ? label.TopHashtags[0] : label.TopTerms.Count > 0 ? label.TopTerms[0] : "cluster";
        var slug = new StringBuilder();
        foreach (var c in subject.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
        }

        var stem = string.Create(CultureInfo.InvariantCulture, $"{windowStart.UtcDateTime:yyyyMMdd'T'HHmm}-{(slug.Length > 0 ? slug.ToString() : "cluster")}");
        var id = stem;
        for (var n = 2; taken.Contains(id); n++)
        {
            id = string.Create(CultureInfo.InvariantCulture, $"{stem}-{n}");
        }

        return id;
    }
}
