namespace Etl.Scheduler.Trends;

/// <summary>
/// Runs a <see cref="TrendDetector"/> over a finished stream, window by window, as the scheduled job would have run
/// at the end of each window: each window sees only the windows before it as its baseline.
/// </summary>
public static class TrendTimeline
{
    /// <summary>Windows start at multiples of the window length since the Unix epoch, as the scheduled job's windows do.</summary>
    public static DateTimeOffset WindowStartOf(DateTimeOffset time, TimeSpan window)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(ticks - (((ticks % window.Ticks) + window.Ticks) % window.Ticks));
    }

    /// <returns>Every window's trends, in window order.</returns>
    public static IEnumerable<TrendCluster> Run(IEnumerable<TrendTweet> tweets, TrendDetector detector)
    {
        ArgumentNullException.ThrowIfNull(tweets);
        ArgumentNullException.ThrowIfNull(detector);
        var settings = detector.Settings;
        var byWindow = tweets
            .GroupBy(t => WindowStartOf(t.CreatedAt, settings.Window))
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal).ToList());
        if (byWindow.Count == 0)
        {
            yield break;
        }

        var first = byWindow.Keys.Min();
        var last = byWindow.Keys.Max();
        var recent = new List<TrendCluster>();
        for (var start = first; start <= last; start += settings.Window)
        {
            var baselineStart = start - (settings.Window * settings.BaselineWindows);
            var from = baselineStart < first ? first : baselineStart;
            var baselineWindows = (int)((start - from) / settings.Window);
            var baseline = new List<TrendTweet>();
            for (var w = from; w < start; w += settings.Window)
            {
                baseline.AddRange(byWindow.GetValueOrDefault(w) ?? []);
            }

            var trends = detector.Detect(start, byWindow.GetValueOrDefault(start) ?? [], baseline, baselineWindows, recent);
            recent.RemoveAll(t => t.WindowStart < baselineStart);
            recent.AddRange(trends);
            foreach (var trend in trends)
            {
                yield return trend;
            }
        }
    }
}
