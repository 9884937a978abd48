using System.Collections.Concurrent;
using Etl.Enrichment.Embedding;
using Etl.Scheduler.Trends;
using Etl.Worker.Generation;

namespace Etl.Scheduler.Tests.Trends;

/// <summary>
/// Generated streams embedded with all-MiniLM-L6-v2 (≈ 3–6 ms a tweet on 2 cores), so they are small and each is
/// embedded once per test run; the model is loaded once for all of them. 2,000 tweets over 80 minutes: the density of
/// a 3,000-tweet two-hour stream (25 a minute, ≈ 125 per 5-minute window), with the planted trends back to back.
/// </summary>
public static class SemanticStream
{
    private static readonly Lazy<OnnxEmbedder> Model = new(() => OnnxEmbedder.Load());
    private static readonly ConcurrentDictionary<GeneratorSettings, Lazy<Stream>> Cache = new();

    public sealed record Stream(IReadOnlyList<TrendTweet> Tweets, IReadOnlyDictionary<string, string> TrendOf);

    public static readonly TimeSpan Span = TimeSpan.FromMinutes(80);

    public static OnnxEmbedder Embedder => Model.Value;

    public static GeneratorSettings Settings(int seed, params PlantedTrend[] trends) => new()
    {
        Count = 2_000,
        Seed = seed,
        Span = Span,
        Trends = trends,
    };

    public static Stream Of(GeneratorSettings settings) =>
        Cache.GetOrAdd(settings, s => new Lazy<Stream>(() => Generate(s))).Value;

    private static Stream Generate(GeneratorSettings settings)
    {
        var generated = new TweetGenerator(settings).Generate().ToList();
        var vectors = Embedder.EmbedAsync([.. generated.Select(g => g.Tweet.Text)]).GetAwaiter().GetResult();
        var tweets = generated.Select((g, i) => new TrendTweet(g.Tweet.Id, g.Tweet.CreatedAt!.Value, g.Tweet.Text, g.Tweet.Entities?.Hashtags ?? [], vectors[i])).ToList();
        var trendOf = generated.Where(g => g.Trend is not null).ToDictionary(g => g.Tweet.Id, g => g.Trend!, StringComparer.Ordinal);
        return new Stream(tweets, trendOf);
    }
}
