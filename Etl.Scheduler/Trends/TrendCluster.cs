namespace Etl.Scheduler.Trends;

/// <summary>
/// A cluster of one window that was reported as a trend: what it is about, how big, how fast it grew.
/// <see cref="TrendId"/> stays the same while the cluster persists from window to window.
/// </summary>
public sealed record TrendCluster
{
    public required string TrendId { get; init; }

    public required DateTimeOffset WindowStart { get; init; }

    public required DateTimeOffset WindowEnd { get; init; }

    /// <summary>Top hashtag (with '#') and top terms, e.g. <c>#SolarEclipse solar eclipse totality</c>.</summary>
    public required string Label { get; init; }

    public required IReadOnlyList<string> TopTerms { get; init; }

    /// <summary>Without '#'.</summary>
    public required IReadOnlyList<string> TopHashtags { get; init; }

    /// <summary>Tweets of the window in the cluster.</summary>
    public required int Size { get; init; }

    /// <summary>Tweets near the centroid in this window over the mean per baseline window (both smoothed).</summary>
    public required double Growth { get; init; }

    /// <summary>Size weighted by log growth: the excess volume, which ranks trends.</summary>
    public required double Score { get; init; }

    public required IReadOnlyList<string> SampleTweetIds { get; init; }

    /// <summary>Unit-length mean embedding of the cluster.</summary>
    public required float[] Centroid { get; init; }
}
