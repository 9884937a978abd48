using System.Diagnostics.Metrics;
using Etl.Worker.Observability;

namespace Etl.Worker.Sources;

/// <summary>
/// What a live source reports: received, produced (acknowledged by Kafka), failed deliveries, reconnects, malformed
/// messages, lag behind live and the hand-off depth. Counters are readable directly (tests, the progress line) and as
/// System.Diagnostics.Metrics instruments on <see cref="MetricNames.SourceMeterName"/>.
/// </summary>
public sealed class SourceMetrics : IDisposable
{
    private readonly Meter meter;
    private readonly TimeProvider clock;
    private long received;
    private long reconnects;
    private long malformed;
    private long skipped;
    private long lagTicks;
    private Func<long> produced = () => 0;
    private Func<long> produceFailed = () => 0;
    private Func<int> queued = () => 0;

    public SourceMetrics(string network, TimeProvider? clock = null, string meterName = MetricNames.SourceMeterName)
    {
        Network = network;
        this.clock = clock ?? TimeProvider.System;
        meter = new Meter(meterName);
        var tag = new KeyValuePair<string, object?>("network", network);
        meter.CreateObservableCounter(MetricNames.SourceReceived, () => new Measurement<long>(Received, tag), description: "Posts read from the live source.");
        meter.CreateObservableCounter(MetricNames.SourceProduced, () => new Measurement<long>(Produced, tag), description: "Posts acknowledged by Kafka.");
        meter.CreateObservableCounter(MetricNames.SourceProduceFailed, () => new Measurement<long>(ProduceFailed, tag), description: "Posts Kafka did not acknowledge.");
        meter.CreateObservableCounter(MetricNames.SourceReconnects, () => new Measurement<long>(Reconnects, tag), description: "Reconnections to the live source.");
        meter.CreateObservableCounter(MetricNames.SourceMalformed, () => new Measurement<long>(Malformed, tag), description: "Messages that could not be read.");
        meter.CreateObservableGauge(MetricNames.SourceLag, () => new Measurement<double>(Lag.TotalSeconds, tag), unit: "s", description: "How far the last post read is behind live.");
        meter.CreateObservableGauge(MetricNames.SourceQueued, () => new Measurement<int>(Queued, tag), description: "Posts in the hand-off, waiting for the producer.");
    }

    public string Network { get; }

    public long Received => Interlocked.Read(ref received);

    public long Produced => produced();

    public long ProduceFailed => produceFailed();

    public long Reconnects => Interlocked.Read(ref reconnects);

    public long Malformed => Interlocked.Read(ref malformed);

    /// <summary>Events read that are not posts to produce (other collections, deletes, account events).</summary>
    public long Skipped => Interlocked.Read(ref skipped);

    public int Queued => queued();

    /// <summary>Now minus the network time of the last post read.</summary>
    public TimeSpan Lag => TimeSpan.FromTicks(Interlocked.Read(ref lagTicks));

    /// <summary>Connects the producer-side figures (acknowledged, failed) and the hand-off depth.</summary>
    public void Attach(Func<long> producedCount, Func<long> failedCount, Func<int> queuedCount)
    {
        produced = producedCount;
        produceFailed = failedCount;
        queued = queuedCount;
    }

    public void RecordReceived(DateTimeOffset eventTime)
    {
        Interlocked.Increment(ref received);
        var lag = clock.GetUtcNow() - eventTime;
        Interlocked.Exchange(ref lagTicks, Math.Max(0, lag.Ticks));
    }

    public void RecordReconnect() => Interlocked.Increment(ref reconnects);

    public void RecordMalformed() => Interlocked.Increment(ref malformed);

    public void RecordSkipped() => Interlocked.Increment(ref skipped);

    /// <summary>The progress line shown in a terminal.</summary>
    public string Describe() =>
        $"{Network}: received {Received:N0} · produced {Produced:N0} · failed {ProduceFailed:N0} · queued {Queued:N0} · reconnects {Reconnects:N0} · malformed {Malformed:N0} · lag {Lag.TotalSeconds:F1}s";

    public void Dispose() => meter.Dispose();
}
