namespace Etl.Scheduler.Trends;

/// <summary>
/// Class-based TF-IDF against a baseline: a term's weight is its share of the cluster's tweets times the log of how
/// much more common it is in the cluster than in the baseline window. Words every topic uses ("loving", "today")
/// are as common in the baseline and weigh nothing; the words of a new topic weigh most.
/// </summary>
public static class ClusterLabeler
{
    /// <summary>Terms in fewer of the cluster's tweets than this share are noise, not the topic.</summary>
    private const double MinShare = 0.1;

    public static ClusterLabel Label(IReadOnlyList<TrendTweet> members, TermCounts baseline, int topTerms, int topHashtags)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(baseline);
        var cluster = TermCounts.Of(members);
        var size = (double)Math.Max(1, cluster.Documents);
        var baselineSize = (double)Math.Max(1, baseline.Documents);
        // Smoothing of the same order as one tweet in either set, so unseen baseline terms get a large but finite weight.
        var epsilon = 1.0 / (size + baselineSize);

        double Weight(int inCluster, int inBaseline)
        {
            var share = inCluster / size;
            return share * Math.Log((share + epsilon) / ((inBaseline / baselineSize) + epsilon));
        }

        var terms = cluster.Terms
            .Where(t => cluster.Term(t) >= MinShare * size)
            .Select(t => (Key: t, Weight: Weight(cluster.Term(t), baseline.Term(t)), Share: cluster.Term(t) / size))
            .Where(t => t.Weight > 0)
            .OrderByDescending(t => t.Weight).ThenBy(t => t.Key, StringComparer.Ordinal)
            .ToList();
        var hashtags = cluster.Hashtags
            .Where(h => cluster.Hashtag(h) >= MinShare * size)
            .Select(h => (Key: cluster.Spelling(h), Weight: Weight(cluster.Hashtag(h), baseline.Hashtag(h)), Share: cluster.Hashtag(h) / size))
            .Where(h => h.Weight > 0)
            .OrderByDescending(h => h.Weight).ThenBy(h => h.Key, StringComparer.Ordinal)
            .ToList();
        var topShare = terms.Concat(hashtags).OrderByDescending(t => t.Weight).Select(t => t.Share).FirstOrDefault();
        return new ClusterLabel(
            [.. terms.Take(topTerms).Select(t => t.Key)],
            [.. hashtags.Take(topHashtags).Select(h => h.Key)],
            topShare);
    }
}
