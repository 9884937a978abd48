using System.Text.Json.Serialization;
using Etl.Scheduler.Trends;

namespace Etl.Scheduler.Api;

/// <summary>
/// A trend as <c>/api/trends</c> and <c>etl-scheduler trends</c> print it: everything but the centroid, which only
/// clustering needs. Field names are those of the <c>tweets-trends</c> index.
/// </summary>
public sealed record TrendSummary(
    [property: JsonPropertyName("window_start")] DateTimeOffset WindowStart,
    [property: JsonPropertyName("window_end")] DateTimeOffset WindowEnd,
    [property: JsonPropertyName("trend_id")] string TrendId,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("top_hashtags")] IReadOnlyList<string> TopHashtags,
    [property: JsonPropertyName("top_terms")] IReadOnlyList<string> TopTerms,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("growth")] double Growth,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("sample_tweet_ids")] IReadOnlyList<string> SampleTweetIds)
{
    public static TrendSummary From(TrendDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new TrendSummary(document.WindowStart, document.WindowEnd, document.TrendId, document.Label, document.TopHashtags,
            document.TopTerms, document.Size, document.Growth, document.Score, document.SampleTweetIds);
    }
}
