using Etl.Scheduler.Trends;
using Etl.Worker.Generation;

namespace Etl.Scheduler.Tests.Trends;

public sealed class TrendDetectorTests
{
    private static readonly TrendSettings Defaults = new();

    public static TheoryData<int, string, string> PlantedStreams() => new()
    {
        { 1, "solar-eclipse:30m:20m:0.3", "data-breach:75m:15m:0.15" },
        { 2, "meteor-shower:47m:25m:0.1", "stock-crash:92m:12m:0.06" },
        { 3, "election-night:22m:40m:0.08", "power-outage:83m:10m:0.12" },
        { 4, "royal-wedding:61m:30m:0.2", "server-down:101m:9m:0.07" },
    };

    [Theory]
    [MemberData(nameof(PlantedStreams))]
    public void Every_planted_trend_is_reported_within_two_windows_with_its_hashtag_or_terms_and_few_false_trends(int seed, string first, string second)
    {
        var settings = GeneratedStream.Settings(seed, PlantedTrend.Parse(first), PlantedTrend.Parse(second));

        var reports = TrendTimeline.Run(GeneratedStream.TrendTweets(settings), new TrendDetector(Defaults)).ToList();
        var evaluation = TrendEvaluation.Of(settings, reports, Defaults.Window);

        foreach (var (label, delay) in evaluation.DelayInWindows)
        {
            Assert.True(delay is >= 0 and <= 2, $"seed {seed}: planted trend '{label}' first reported {delay?.ToString() ?? "never"} windows after its start.");
        }

        Assert.True(
            evaluation.FalseTrendIds.Count <= settings.Span.TotalHours,
            $"seed {seed}: {evaluation.FalseTrendIds.Count} false trends in {settings.Span.TotalHours} h: {string.Join(", ", evaluation.FalseTrendIds)}");
    }

    [Fact]
    public void Steady_background_traffic_reports_at_most_one_trend_per_hour()
    {
        var settings = GeneratedStream.Settings(7);

        var reports = TrendTimeline.Run(GeneratedStream.TrendTweets(settings), new TrendDetector(Defaults)).ToList();

        Assert.True(reports.Select(r => r.TrendId).Distinct().Count() <= settings.Span.TotalHours,
            $"Background only, yet reported: {string.Join("; ", reports.Select(r => r.Label))}");
    }

    [Fact]
    public void A_trend_that_persists_across_windows_keeps_its_id()
    {
        var settings = GeneratedStream.Settings(1, PlantedTrend.Parse("solar-eclipse:30m:20m:0.3"), PlantedTrend.Parse("data-breach:75m:15m:0.15"));
        var eclipse = settings.Trends[0];

        var reports = TrendTimeline.Run(GeneratedStream.TrendTweets(settings), new TrendDetector(Defaults))
            .Where(r => TrendEvaluation.Names(r, eclipse))
            .ToList();

        Assert.True(reports.Count >= 2, $"The eclipse trend was reported in {reports.Count} window(s); expected it in consecutive windows.");
        Assert.Single(reports.Select(r => r.TrendId).Distinct());
        Assert.Equal(reports.Count, reports.Select(r => r.WindowStart).Distinct().Count());
    }

    [Fact]
    public void Reported_trend_carries_size_growth_samples_and_a_unit_centroid()
    {
        var settings = GeneratedStream.Settings(1, PlantedTrend.Parse("solar-eclipse:30m:20m:0.3"), PlantedTrend.Parse("data-breach:75m:15m:0.15"));
        var tweets = GeneratedStream.TrendTweets(settings);

        var report = TrendTimeline.Run(tweets, new TrendDetector(Defaults)).First();

        Assert.Contains("SolarEclipse", report.TopHashtags);
        Assert.InRange(report.Size, 100, 400);
        Assert.True(report.Growth >= Defaults.MinGrowth);
        Assert.Equal(Defaults.SampleTweets, report.SampleTweetIds.Count);
        var byId = tweets.ToDictionary(t => t.Id);
        Assert.All(report.SampleTweetIds, id => Assert.Contains("#SolarEclipse", byId[id].Text));
        Assert.Equal(1.0, Math.Sqrt(VectorMath.Dot(report.Centroid, report.Centroid)), 3);
        Assert.Equal(report.WindowStart + Defaults.Window, report.WindowEnd);
    }

    [Fact]
    public void Nothing_is_reported_before_the_baseline_has_enough_windows()
    {
        var settings = GeneratedStream.Settings(1, PlantedTrend.Parse("solar-eclipse:30m:20m:0.3"), PlantedTrend.Parse("data-breach:75m:15m:0.15"));
        var window = GeneratedStream.TrendTweets(settings)
            .Where(t => t.CreatedAt >= settings.Start.AddMinutes(30) && t.CreatedAt < settings.Start.AddMinutes(35)).ToList();

        var trends = new TrendDetector(Defaults).Detect(settings.Start.AddMinutes(30), window, [], 0, []);

        Assert.Empty(trends);
    }
}
