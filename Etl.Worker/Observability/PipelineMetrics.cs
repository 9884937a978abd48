using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Etl.Schemas.Records;

namespace Etl.Worker.Observability;

/// <summary>
/// The worker's instruments (System.Diagnostics.Metrics), collected by the OpenTelemetry SDK and exported at
/// <c>/metrics</c> (see <see cref="WorkerMetricsServiceCollectionExtensions"/>). The running totals beside them are
/// for the demo's summary and for tests.
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    private readonly Meter meter;
    private readonly ConcurrentDictionary<TopicPartition, long> lagByPartition = new();
    private readonly Counter<long> consumedCounter;
    private readonly Counter<long> indexedCounter;
    private readonly Counter<long> retriedCounter;
    private readonly Counter<long> deadLetteredCounter;
    private readonly Counter<long> commitFailuresCounter;
    private readonly Histogram<int> batchSize;
    private readonly Histogram<long> batchBytes;
    private readonly Histogram<double> batchLatency;
    private readonly Histogram<double> latencyFromTweet;
    private readonly Histogram<double> latencyFromIngest;
    private long consumed;
    private long indexed;
    private long retried;
    private long deadLettered;
    private long commitFailures;
    private int paused;

    /// <param name="meterFactory">The host's meter factory, when there is one.</param>
    /// <param name="meterName">Tests give each instance its own meter so parallel tests do not mix their figures.</param>
    public PipelineMetrics(IMeterFactory? meterFactory = null, string meterName = MetricNames.MeterName)
    {
        meter = meterFactory?.Create(meterName) ?? new Meter(meterName);
        consumedCounter = meter.CreateCounter<long>(MetricNames.Consumed, description: "Records read from Kafka.");
        indexedCounter = meter.CreateCounter<long>(MetricNames.Indexed, description: "Documents acknowledged by Elasticsearch.");
        retriedCounter = meter.CreateCounter<long>(MetricNames.Retried, description: "Bulk items resent after 429 or 5xx.");
        deadLetteredCounter = meter.CreateCounter<long>(MetricNames.DeadLettered, description: "Records sent to the dead-letter topic, by stage and reason.");
        commitFailuresCounter = meter.CreateCounter<long>(MetricNames.CommitFailures, description: "Offset commits the group refused.");
        batchSize = meter.CreateHistogram(MetricNames.BatchSize, unit: null, description: "Documents per bulk request.", tags: null,
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 10, 50, 100, 250, 500, 1_000, 2_000, 5_000] });
        batchBytes = meter.CreateHistogram(MetricNames.BatchBytes, unit: "By", description: "Bulk body bytes per request, as written.", tags: null,
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [16 << 10, 64 << 10, 256 << 10, 1 << 20, 2 << 20, 4 << 20, 8 << 20, 16 << 20, 64 << 20] });
        // Seconds, from a fast bulk round trip to a tweet that waited out an outage (the SDK's default bounds are for milliseconds).
        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1_000, 5_000] };
        batchLatency = meter.CreateHistogram(MetricNames.BatchLatency, unit: "s", description: "Bulk request round trip.", tags: null, advice: seconds);
        latencyFromTweet = meter.CreateHistogram(MetricNames.LatencyFromTweet, unit: "s", description: "From the tweet's created_at to indexed.", tags: null, advice: seconds);
        latencyFromIngest = meter.CreateHistogram(MetricNames.LatencyFromIngest, unit: "s", description: "From the Kafka record's timestamp to indexed.", tags: null, advice: seconds);
        meter.CreateObservableGauge(MetricNames.ConsumerLag, ObserveLag, description: "High watermark minus position, per assigned partition.");
        meter.CreateObservableGauge(MetricNames.Paused, () => Volatile.Read(ref paused), description: "1 while consumption is paused because a dependency is unavailable.");
    }

    public string MeterName => meter.Name;

    public long Consumed => Interlocked.Read(ref consumed);

    public long Indexed => Interlocked.Read(ref indexed);

    public long Retried => Interlocked.Read(ref retried);

    public long DeadLettered => Interlocked.Read(ref deadLettered);

    public long CommitFailures => Interlocked.Read(ref commitFailures);

    public bool IsPaused => Volatile.Read(ref paused) == 1;

    /// <summary>Partitions that have a lag series now.</summary>
    public IReadOnlyCollection<TopicPartition> LagPartitions => [.. lagByPartition.Keys];

    public void RecordConsumed(int n = 1)
    {
        Interlocked.Add(ref consumed, n);
        consumedCounter.Add(n);
    }

    public void RecordIndexed(int n)
    {
        Interlocked.Add(ref indexed, n);
        indexedCounter.Add(n);
    }

    public void RecordRetried(int n)
    {
        Interlocked.Add(ref retried, n);
        retriedCounter.Add(n);
    }

    public void RecordDeadLettered(DeadLetterStage stage, string reason)
    {
        Interlocked.Increment(ref deadLettered);
        deadLetteredCounter.Add(1, new KeyValuePair<string, object?>("stage", stage.Symbol()), new KeyValuePair<string, object?>("reason", reason));
    }

    public void RecordCommitFailure()
    {
        Interlocked.Increment(ref commitFailures);
        commitFailuresCounter.Add(1);
    }

    public void RecordBatch(int documents, long bytes, TimeSpan latency)
    {
        batchSize.Record(documents);
        batchBytes.Record(bytes);
        batchLatency.Record(latency.TotalSeconds);
    }

    public void RecordEndToEnd(TimeSpan fromTweet, TimeSpan? fromIngest)
    {
        latencyFromTweet.Record(Math.Max(0, fromTweet.TotalSeconds));
        if (fromIngest is { } ingest)
        {
            latencyFromIngest.Record(Math.Max(0, ingest.TotalSeconds));
        }
    }

    public void SetPaused(bool value) => Volatile.Write(ref paused, value ? 1 : 0);

    public void SetLag(TopicPartition partition, long lag) => lagByPartition[partition] = lag;

    /// <summary>A revoked partition is no longer ours: its lag series disappears rather than freezing.</summary>
    public void RemoveLag(TopicPartition partition) => lagByPartition.TryRemove(partition, out _);

    public void Dispose() => meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveLag() =>
        lagByPartition.Select(kv => new Measurement<long>(
            kv.Value, new KeyValuePair<string, object?>("topic", kv.Key.Topic), new KeyValuePair<string, object?>("partition", kv.Key.Partition.Value)));
}
