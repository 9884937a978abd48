using System.Text.Json.Serialization;

namespace Etl.Scheduler.Trends;

/// <summary>A trend of one window as indexed in <c>tweets-trends</c>; field for field the index template's mapping.</summary>
public sealed record TrendDocument
{
    [JsonPropertyName("trend_id")]
    public required string TrendId { get; init; }

    [JsonPropertyName("window_start")]
    public required DateTimeOffset WindowStart { get; init; }

    [JsonPropertyName("window_end")]
    public required DateTimeOffset WindowEnd { get; init; }

    [JsonPropertyName("generated_at")]
    public DateTimeOffset GeneratedAt { get; init; }

    [JsonPropertyName("label")]
    public string Label { get; init; } = "";

    [JsonPropertyName("top_terms")]
    public IReadOnlyList<string> TopTerms { get; init; } = [];

    [JsonPropertyName("top_hashtags")]
    public IReadOnlyList<string> TopHashtags { get; init; } = [];

    [JsonPropertyName("size")]
    public long Size { get; init; }

    [JsonPropertyName("growth")]
    public double Growth { get; init; }

    [JsonPropertyName("score")]
    public double Score { get; init; }

    [JsonPropertyName("sample_tweet_ids")]
    public IReadOnlyList<string> SampleTweetIds { get; init; } = [];

    [JsonPropertyName("centroid")]
    public float[] Centroid { get; init; } = [];

    /// <summary>One document per trend and window, so a rerun of a window overwrites it and history stays.</summary>
    [JsonIgnore]
    public string DocumentId => $"{TrendId}@{WindowStart.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static TrendDocument From(TrendCluster trend, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(trend);
        return new TrendDocument
        {
            TrendId = trend.TrendId,
            WindowStart = trend.WindowStart,
            WindowEnd = trend.WindowEnd,
            GeneratedAt = generatedAt,
            Label = trend.Label,
            TopTerms = trend.TopTerms,
            TopHashtags = trend.TopHashtags,
            Size = trend.Size,
            Growth = trend.Growth,
            Score = trend.Score,
            SampleTweetIds = trend.SampleTweetIds,
            Centroid = trend.Centroid,
        };
    }

    /// <summary>Back to the detector's form, as a recent trend that clusters of later windows may continue.</summary>
    public TrendCluster ToCluster() => new()
    {
        TrendId = TrendId,
        WindowStart = WindowStart,
        WindowEnd = WindowEnd,
        Label = Label,
        TopTerms = TopTerms,
        TopHashtags = TopHashtags,
        Size = (int)Size,
        Growth = Growth,
        Score = Score,
        SampleTweetIds = SampleTweetIds,
        Centroid = Centroid,
    };
}
