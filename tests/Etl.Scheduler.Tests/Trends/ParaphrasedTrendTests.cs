using Etl.Scheduler.Trends;
using Etl.Worker.Generation;
using Xunit.Abstractions;

namespace Etl.Scheduler.Tests.Trends;

/// <summary>
/// Trend detection on meaning, with all-MiniLM-L6-v2 vectors: stories told in varied words with no hashtag must be
/// found, hashtag trends still are, and the steady background is not reported. The semantic settings were tuned on
/// seeds 11–13 with other story combinations; these seeds and combinations were not looked at while tuning.
/// </summary>
public sealed class ParaphrasedTrendTests(ITestOutputHelper output)
{
    private static readonly TrendSettings Settings = TrendSettings.ForEmbedder(SemanticStream.Embedder.Name);

    /// <summary>Four trends a stream, one after another (each 15 minutes, the first after three baseline windows).</summary>
    public static readonly (int Seed, string[] Trends)[] Streams =
    [
        (21, ["wildfire-smoke:15m:15m:0.2:paraphrased", "earthquake:30m:15m:0.15:paraphrased", "solar-eclipse:45m:15m:0.2", "data-breach:60m:15m:0.2:paraphrased"]),
        (22, ["stadium-upset:15m:15m:0.2:paraphrased", "meteor-shower:30m:15m:0.15", "power-outage:45m:15m:0.15:paraphrased", "bridge-collapse:60m:15m:0.2:paraphrased"]),
        (23, ["train-strike:15m:15m:0.15:paraphrased", "airport-chaos:30m:15m:0.2:paraphrased", "product-recall:45m:15m:0.2:paraphrased", "royal-wedding:60m:15m:0.15"]),
    ];

    /// <summary>A report names a planted trend when most of its sample tweets are that trend's (ground truth from the generator).</summary>
    private static bool Names(TrendCluster report, PlantedTrend trend, SemanticStream.Stream stream) =>
        report.SampleTweetIds.Count(id => stream.TrendOf.GetValueOrDefault(id) == trend.Label) * 2 > report.SampleTweetIds.Count;

    private (int Found, int Planted, int FalseTrends)[] Evaluate(bool paraphrased)
    {
        var results = new List<(int, int, int)>();
        foreach (var (seed, trends) in Streams)
        {
            var settings = SemanticStream.Settings(seed, [.. trends.Select(PlantedTrend.Parse)]);
            var stream = SemanticStream.Of(settings);
            var reports = TrendTimeline.Run(stream.Tweets, new TrendDetector(Settings)).ToList();
            foreach (var r in reports)
            {
                output.WriteLine($"seed {seed} {r.WindowStart:HH:mm} {r.TrendId} size={r.Size} growth={r.Growth} label='{r.Label}'");
            }

            var planted = settings.Trends.Where(t => t.Paraphrased == paraphrased).ToList();
            var found = planted.Count(t => reports.Any(r => Names(r, t, stream)));
            var falseTrends = reports.Where(r => !settings.Trends.Any(t => Names(r, t, stream))).Select(r => r.TrendId).Distinct().Count();
            results.Add((found, planted.Count, falseTrends));
            output.WriteLine($"seed {seed}: {found}/{planted.Count} {(paraphrased ? "paraphrased" : "hashtag")} trends found, {falseTrends} false trends in {settings.Span.TotalHours:F2} h");
        }

        return [.. results];
    }

    [Fact]
    public void At_least_8_of_9_paraphrased_trends_without_a_hashtag_are_found_with_at_most_one_false_trend_per_hour()
    {
        var results = Evaluate(paraphrased: true);

        var hours = Streams.Length * SemanticStream.Span.TotalHours;
        var falseTrends = results.Sum(r => r.FalseTrends);
        output.WriteLine($"{results.Sum(r => r.Found)}/{results.Sum(r => r.Planted)} paraphrased trends found; {falseTrends} false trends in {hours:F1} h ({falseTrends / hours:F2}/h)");
        Assert.True(results.Sum(r => r.Found) >= 8, $"found {results.Sum(r => r.Found)} of {results.Sum(r => r.Planted)} paraphrased trends");
        Assert.True(falseTrends <= hours, $"{falseTrends} false trends in {hours:F1} h");
        Assert.All(results, r => Assert.True(r.FalseTrends <= 2, $"{r.FalseTrends} false trends in one {SemanticStream.Span.TotalMinutes} min stream"));
    }

    [Fact]
    public void Every_hashtag_trend_is_still_found_with_sentence_embeddings()
    {
        var results = Evaluate(paraphrased: false);

        Assert.Equal(results.Sum(r => r.Planted), results.Sum(r => r.Found));
    }

    [Fact]
    public void A_paraphrased_trend_is_labelled_with_its_distinctive_words()
    {
        var settings = SemanticStream.Settings(Streams[0].Seed, [.. Streams[0].Trends.Select(PlantedTrend.Parse)]);
        var stream = SemanticStream.Of(settings);
        var wildfire = settings.Trends[0];

        var report = TrendTimeline.Run(stream.Tweets, new TrendDetector(Settings)).First(r => Names(r, wildfire, stream));

        Assert.Empty(report.TopHashtags);
        Assert.NotEmpty(report.TopTerms);
        Assert.All(report.TopTerms, term => Assert.Contains(stream.Tweets.Where(t => stream.TrendOf.GetValueOrDefault(t.Id) == wildfire.Label), t => t.Text.Contains(term, StringComparison.OrdinalIgnoreCase)));
    }
}
