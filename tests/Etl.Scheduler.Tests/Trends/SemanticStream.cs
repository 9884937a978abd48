using System.Collections.Concurrent;
using Etl.Enrichment.Embedding;
using Etl.Scheduler.Trends;
using Etl.Worker.Generation;

namespace Etl.Scheduler.Tests.Trends;

/// <summary>
/// Generated streams embedded with all-MiniLM-L6-v2 (≈ 3–6 ms a tweet on 2 cores), so they are small and each is
/// embedded once per test run; the model is loaded once for all of them.
/// </summary>
public static class SemanticStream
{
    private static readonly Lazy<OnnxEmbedder> Model = new(() => OnnxEmbedder.Load());
    private static readonly ConcurrentDictionary<GeneratorSettings, Lazy<Stream>> Cache = new();

    public sealed record Stream(IReadOnlyList<TrendTweet> Tweets, IReadOnlyDictionary<string, string> TrendOf);

    public static OnnxEmbedder Embedder => Model.Value;

    public static GeneratorSettings Settings(int seed, params PlantedTrend[] trends) => new()
    {
        Count = 3_000,
        Seed = seed,
        Span = TimeSpan.FromHours(2),
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
