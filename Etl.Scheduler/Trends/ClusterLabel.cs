namespace Etl.Scheduler.Trends;

/// <summary>
/// The most distinctive terms and hashtags of a cluster, best first, and the share of the cluster's tweets that
/// carry the single most distinctive one.
/// </summary>
public sealed record ClusterLabel(IReadOnlyList<string> TopTerms, IReadOnlyList<string> TopHashtags, double TopShare)
{
    /// <summary>E.g. <c>#SolarEclipse solar eclipse totality</c>.</summary>
    public string Text => string.Join(' ', TopHashtags.Take(1).Select(h => "#" + h).Concat(TopTerms.Take(3)));
}
