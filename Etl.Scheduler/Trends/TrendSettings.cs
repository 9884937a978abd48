namespace Etl.Scheduler.Trends;

/// <summary>
/// Tuning of trend detection. The defaults were measured on generated streams with planted trends
/// (see docs/scheduler.md); the comments say what each guards against.
/// </summary>
public sealed record TrendSettings
{
    /// <summary>Length of one clustering window.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Windows before the current one that form the baseline growth and term rarity are measured against.</summary>
    public int BaselineWindows { get; init; } = 6;

    /// <summary>
    /// Baseline windows that must already have been seen before anything is reported: without history every topic
    /// looks new, so the first windows of a stream would report the steady background as trends.
    /// </summary>
    public int MinBaselineWindows { get; init; } = 2;

    /// <summary>Cosine similarity a tweet needs to a cluster's centroid to join it (leader/threshold clustering).</summary>
    public double JoinSimilarity { get; init; } = 0.45;

    /// <summary>Clusters whose centroids are at least this similar are one topic and are merged.</summary>
    public double MergeSimilarity { get; init; } = 0.7;

    /// <summary>A cluster whose centroid is this similar to a cluster of the previous window continues it and keeps its id.</summary>
    public double ContinuitySimilarity { get; init; } = 0.7;

    /// <summary>Smallest cluster reported, in tweets.</summary>
    public int MinClusterSize { get; init; } = 15;

    /// <summary>Smallest cluster reported, as a share of the window's tweets (whichever of the two is larger applies).</summary>
    public double MinClusterShare { get; init; } = 0.02;

    /// <summary>
    /// How many times its baseline rate a cluster must reach. Background topics are steady, so they stay near 1.
    /// </summary>
    public double MinGrowth { get; init; } = 4;

    /// <summary>Pseudo-count added to the baseline rate, so a small cluster from nothing does not get infinite growth.</summary>
    public double BaselinePrior { get; init; } = 3;

    /// <summary>Share of the cluster's tweets that must contain its most distinctive term or hashtag: a trend is about something.</summary>
    public double MinTopTermShare { get; init; } = 0.4;

    public int TopTerms { get; init; } = 5;

    public int TopHashtags { get; init; } = 3;

    public int SampleTweets { get; init; } = 5;
}
