using Etl.Scheduler.Trends;
using Etl.Worker.Generation;

namespace Etl.Scheduler.Tests.Trends;

/// <summary>
/// Scores reported trends against the planted ones: a report names a planted trend when its label carries the
/// trend's hashtag or two of its key terms; every other reported trend id is a false trend.
/// </summary>
public sealed record TrendEvaluation(IReadOnlyDictionary<string, int?> DelayInWindows, IReadOnlyList<string> FalseTrendIds)
{
    public static TrendEvaluation Of(GeneratorSettings settings, IReadOnlyList<TrendCluster> reports, TimeSpan window)
    {
        var delays = new Dictionary<string, int?>(StringComparer.Ordinal);
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var trend in settings.Trends)
        {
            var startWindow = TrendTimeline.WindowStartOf(settings.Start + trend.Start, window);
            var hits = reports.Where(r => Names(r, trend)).ToList();
            matched.UnionWith(hits.Select(h => h.TrendId));
            var first = hits.Where(h => h.WindowStart >= startWindow).Select(h => h.WindowStart).DefaultIfEmpty().Min();
            delays[trend.Label] = hits.Count == 0 ? null : (int)((first - startWindow) / window);
        }

        return new TrendEvaluation(delays, [.. reports.Select(r => r.TrendId).Distinct().Where(id => !matched.Contains(id))]);
    }

    public static bool Names(TrendCluster report, PlantedTrend trend)
    {
        var label = report.Label.ToLowerInvariant();
        return label.Contains("#" + trend.Hashtag.ToLowerInvariant(), StringComparison.Ordinal)
            || TweetGenerator.TrendTerms(trend).Count(term => label.Split(' ').Contains(term)) >= 2;
    }
}
