using System.Text.Json.Serialization;
using Etl.Scheduler.Trends;

namespace Etl.Scheduler.Cli;

/// <summary>One line of <c>etl-scheduler trends</c> output.</summary>
public sealed record TrendLine
{
    [JsonPropertyName("window_start")]
    public required DateTimeOffset WindowStart { get; init; }

    [JsonPropertyName("trend_id")]
    public required string TrendId { get; init; }

    [JsonPropertyName("label")]
    public required string Label { get; init; }

    [JsonPropertyName("top_hashtags")]
    public required IReadOnlyList<string> TopHashtags { get; init; }

    [JsonPropertyName("top_terms")]
    public required IReadOnlyList<string> TopTerms { get; init; }

    [JsonPropertyName("size")]
    public required int Size { get; init; }

    [JsonPropertyName("growth")]
    public required double Growth { get; init; }

    [JsonPropertyName("score")]
    public required double Score { get; init; }

    public static TrendLine From(TrendCluster trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        return new TrendLine
        {
            WindowStart = trend.WindowStart,
            TrendId = trend.TrendId,
            Label = trend.Label,
            TopHashtags = trend.TopHashtags,
            TopTerms = trend.TopTerms,
            Size = trend.Size,
            Growth = trend.Growth,
            Score = trend.Score,
        };
    }
}
