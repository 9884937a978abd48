using Microsoft.Extensions.Time.Testing;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>
/// A fake clock that a test drives forward in small steps while it waits on a condition, so backoff delays of
/// seconds pass in milliseconds and "ten seconds of outage" is exactly ten seconds of the pipeline's time.
/// </summary>
internal sealed class FakeClock
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Advances the clock by <paramref name="span"/> in <paramref name="step"/>s, calling <paramref name="check"/> after each.</summary>
    public async Task AdvanceAsync(TimeSpan span, TimeSpan step, Action? check = null)
    {
        var end = Time.GetUtcNow() + span;
        while (Time.GetUtcNow() < end)
        {
            Time.Advance(step);
            await Task.Delay(2);
            check?.Invoke();
        }
    }

    /// <summary>Advances the clock in <paramref name="step"/>s until <paramref name="condition"/> holds (real-time patience applies).</summary>
    public async Task AdvanceUntilAsync(Func<bool> condition, TimeSpan step)
    {
        var deadline = DateTime.UtcNow + PipelineTestKit.Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            Time.Advance(step);
            await Task.Delay(2);
        }
    }
}
