using Etl.Scheduler.Trends;

namespace Etl.Scheduler.Api;

/// <summary>A trend as <c>/api/trends</c> returns it: everything but the centroid, which only clustering needs.</summary>
public sealed record TrendSummary(
    string TrendId, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string Label, IReadOnlyList<string> TopTerms,
    IReadOnlyList<string> TopHashtags, long Size, double Growth, double Score, IReadOnlyList<string> SampleTweetIds)
{
    public static TrendSummary From(TrendDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new TrendSummary(document.TrendId, document.WindowStart, document.WindowEnd, document.Label, document.TopTerms,
            document.TopHashtags, document.Size, document.Growth, document.Score, document.SampleTweetIds);
    }
}
