using Etl.Scheduler.Jobs;
using Etl.Scheduler.Trends;

namespace Etl.Scheduler.Tests.Jobs;

/// <summary>Measures the managed heap, so it runs alone: other tests allocating at the same time would blur it.</summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class TrendWindowSampleTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Today's window volume: the generated demo stream has about 830 tweets per 5-minute window (docs/scheduler.md).</summary>
    private const int TodayPerWindow = 830;
    private const int BaselineWindows = 6;
    private static readonly DateTimeOffset WindowStart = new(2024, 5, 1, 0, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public void Memory_held_stays_flat_from_todays_volume_to_ten_times_it_and_grows_tenfold_without_the_bound()
    {
        // The bound sits just above today's volume, so today's windows are clustered whole.
        const int bound = 1000;
        var today = Retained(TodayPerWindow, bound, out var todayKept);
        var tenfold = Retained(TodayPerWindow * 10, bound, out var tenfoldKept);
        var unbounded = Retained(TodayPerWindow * 10, int.MaxValue, out _);

        output.WriteLine($"held: today {today / 1e6:F1} MB ({todayKept} tweets), 10x {tenfold / 1e6:F1} MB ({tenfoldKept} tweets), 10x unbounded {unbounded / 1e6:F1} MB");
        Assert.Equal(TodayPerWindow * (BaselineWindows + 1), todayKept);
        Assert.True(tenfoldKept <= bound * (BaselineWindows + 1), $"{tenfoldKept} tweets held at 10x, bound {bound} per window.");
        Assert.True(tenfold < today * 1.5, $"Held {tenfold / 1e6:F1} MB at 10x today's volume against {today / 1e6:F1} MB today.");
        // The measurement can fail: without the bound the same stream holds about ten times as much.
        Assert.True(unbounded > today * 7, $"Unbounded: {unbounded / 1e6:F1} MB against {today / 1e6:F1} MB today.");
    }

    [Fact]
    public void The_sample_is_the_same_share_of_every_window_and_the_same_on_a_rerun()
    {
        var first = Sampled(TodayPerWindow * 10, 1000);
        var rerun = Sampled(TodayPerWindow * 10, 1000);

        Assert.Equal(first.Window.Select(t => t.Id), rerun.Window.Select(t => t.Id));
        var perBaselineWindow = first.Baseline.Count / (double)BaselineWindows;
        Assert.InRange(first.Window.Count / perBaselineWindow, 0.85, 1.15);
        Assert.InRange(first.Share, 0.11, 0.13);
    }

    /// <summary>Bytes the sample holds after reading a window and its baseline of <paramref name="perWindow"/> tweets each.</summary>
    private static long Retained(int perWindow, int bound, out int kept)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var sample = Sampled(perWindow, bound);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        kept = sample.Window.Count + sample.Baseline.Count;
        GC.KeepAlive(sample);
        return after - before;
    }

    private static TrendWindowSample Sampled(int perWindow, int bound)
    {
        var sample = new TrendWindowSample("hashing-384", WindowStart, WindowStart + Window, WindowStart - (Window * BaselineWindows));
        var windows = BaselineWindows + 1;
        sample.Plan(perWindow, perWindow * (long)BaselineWindows, BaselineWindows, bound);
        var random = new Random(7);
        // Documents arrive one page at a time and are dropped by the reader unless kept, as from the point-in-time scan.
        for (var w = 0; w < windows; w++)
        {
            var start = sample.BaselineStart + (Window * w);
            for (var i = 0; i < perWindow; i++)
            {
                var embedding = new float[384];
                for (var d = 0; d < embedding.Length; d++)
                {
                    embedding[d] = (float)random.NextDouble();
                }

                var id = $"{w:D2}{i:D7}";
                sample.Offer(id, new TrendSourceDocument
                {
                    Id = id,
                    CreatedAt = start + TimeSpan.FromMilliseconds(Window.TotalMilliseconds * i / perWindow),
                    Text = "a tweet of about the usual length, with a few words and a #hashtag in it " + i,
                    Hashtags = ["hashtag"],
                    Embedding = embedding,
                });
            }
        }

        return sample;
    }
}
