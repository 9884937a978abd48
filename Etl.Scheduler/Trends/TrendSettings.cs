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

    /// <summary>
    /// Similarity to a cluster's centroid that counts a tweet, now and in the baseline, when growth is measured; 0 means
    /// <see cref="JoinSimilarity"/>. Tighter than joining for sentence embeddings, whose topics overlap more loosely.
    /// </summary>
    public double GrowthSimilarity { get; init; }

    public double EffectiveGrowthSimilarity => GrowthSimilarity > 0 ? GrowthSimilarity : JoinSimilarity;

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

    /// <summary>
    /// How much nearer (cosine) a tweet's k-th neighbour in the window must be than its neighbour at the same density in
    /// the baseline for <see cref="BurstFilter"/> to keep it; 0 turns the filter off and clusters every tweet of the
    /// window (right for the hashing embedder, whose neighbours are shared words, and for hashtag trends).
    /// </summary>
    public double BurstMargin { get; init; }

    /// <summary>The k of <see cref="BurstMargin"/>: neighbours in the window a tweet's density is measured by.</summary>
    public int BurstNeighbours { get; init; } = 3;

    /// <summary>A tweet whose k-th neighbour in the window is less similar than this is alone, not in a burst.</summary>
    public double BurstMinSimilarity { get; init; } = 0.4;

    /// <summary>Most tweets of the window and of the baseline compared pairwise by <see cref="BurstFilter"/> (evenly sampled beyond).</summary>
    public int BurstSampleCap { get; init; } = 4_000;

    /// <summary>
    /// Settings measured for the embedder that produced the vectors (the name in <c>pipeline.embedder</c>): the
    /// hashing embedder's neighbours share words, a sentence model's share meaning, and their similarities differ.
    /// </summary>
    public static TrendSettings ForEmbedder(string? embedder) =>
        string.IsNullOrEmpty(embedder) || embedder.StartsWith(HashingPrefix, StringComparison.Ordinal)
            ? new TrendSettings()
            : Semantic;

    private const string HashingPrefix = "hashing";

    /// <summary>For sentence embeddings (all-MiniLM-L6-v2 in process or from a server). Tuned on seeds 11–13; tested on others (ParaphrasedTrendTests).</summary>
    public static TrendSettings Semantic { get; } = new()
    {
        JoinSimilarity = 0.3,
        MergeSimilarity = 0.5,
        GrowthSimilarity = 0.5,
        ContinuitySimilarity = 0.7,
        MinClusterSize = 8,
        MinTopTermShare = 0,
        BurstMargin = 0.1,
        BurstNeighbours = 3,
    };
}
