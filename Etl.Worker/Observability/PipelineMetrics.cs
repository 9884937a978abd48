using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Etl.Schemas.Records;

namespace Etl.Worker.Observability;

/// <summary>The worker's counters and histograms (System.Diagnostics.Metrics), exported at <c>/metrics</c>.</summary>
public sealed class PipelineMetrics : IDisposable
{
    private readonly Meter meter;
    private readonly ConcurrentDictionary<int, long> lagByPartition = new();
    private long consumed;
    private long indexed;
    private long retried;
    private long deadLettered;
    private int paused;

    /// <param name="meterFactory">The host's meter factory, when there is one.</param>
    /// <param name="meterName">Tests give each instance its own meter so parallel tests do not mix their figures.</param>
    public PipelineMetrics(IMeterFactory? meterFactory = null, string meterName = MetricNames.MeterName)
    {
        meter = meterFactory?.Create(meterName) ?? new Meter(meterName);
        ConsumedCounter = meter.CreateCounter<long>(MetricNames.Consumed, description: "Records read from Kafka.");
        IndexedCounter = meter.CreateCounter<long>(MetricNames.Indexed, description: "Documents acknowledged by Elasticsearch.");
        RetriedCounter = meter.CreateCounter<long>(MetricNames.Retried, description: "Bulk items retried after 429, 5xx or a timeout.");
        DeadLetteredCounter = meter.CreateCounter<long>(MetricNames.DeadLettered, description: "Records sent to the dead-letter topic, by stage.");
        BatchSize = meter.CreateHistogram<int>(MetricNames.BatchSize, description: "Documents per bulk request.");
        BatchLatency = meter.CreateHistogram<double>(MetricNames.BatchLatency, unit: "s", description: "Bulk request round trip.");
        LatencyFromTweet = meter.CreateHistogram<double>(MetricNames.LatencyFromTweet, unit: "s", description: "From the tweet's created_at to indexed.");
        LatencyFromIngest = meter.CreateHistogram<double>(MetricNames.LatencyFromIngest, unit: "s", description: "From the Kafka record's timestamp to indexed.");
        meter.CreateObservableGauge(MetricNames.ConsumerLag, ObserveLag, description: "High watermark minus position, per partition.");
        meter.CreateObservableGauge(MetricNames.Paused, () => Volatile.Read(ref paused), description: "1 while consumption is paused because the sink is unavailable.");
    }

    public Counter<long> ConsumedCounter { get; }

    public Counter<long> IndexedCounter { get; }

    public Counter<long> RetriedCounter { get; }

    public Counter<long> DeadLetteredCounter { get; }

    public Histogram<int> BatchSize { get; }

    public Histogram<double> BatchLatency { get; }

    public Histogram<double> LatencyFromTweet { get; }

    public Histogram<double> LatencyFromIngest { get; }

    public long Consumed => Interlocked.Read(ref consumed);

    public long Indexed => Interlocked.Read(ref indexed);

    public long Retried => Interlocked.Read(ref retried);

    public long DeadLettered => Interlocked.Read(ref deadLettered);

    public bool IsPaused => Volatile.Read(ref paused) == 1;

    public void RecordConsumed(int n = 1)
    {
        Interlocked.Add(ref consumed, n);
        ConsumedCounter.Add(n);
    }

    public void RecordIndexed(int n)
    {
        Interlocked.Add(ref indexed, n);
        IndexedCounter.Add(n);
    }

    public void RecordRetried(int n)
    {
        Interlocked.Add(ref retried, n);
        RetriedCounter.Add(n);
    }

    public void RecordDeadLettered(DeadLetterStage stage)
    {
        Interlocked.Increment(ref deadLettered);
        DeadLetteredCounter.Add(1, new KeyValuePair<string, object?>("stage", stage.Symbol()));
    }

    public void SetPaused(bool value) => Volatile.Write(ref paused, value ? 1 : 0);

    public void SetLag(int partition, long lag) => lagByPartition[partition] = lag;

    public void Dispose() => meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveLag() =>
        lagByPartition.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("partition", kv.Key)));
}
