namespace Etl.Worker.Observability;

/// <summary>Metric names, in one place. Prometheus names add the unit and <c>_total</c> per its conventions.</summary>
public static class MetricNames
{
    public const string MeterName = "Etl.Worker";
    public const string Consumed = "etl_worker_consumed";
    public const string Indexed = "etl_worker_indexed";
    public const string Retried = "etl_worker_retried";
    public const string DeadLettered = "etl_worker_dead_lettered";
    public const string BatchSize = "etl_worker_batch_size";
    public const string BatchBytes = "etl_worker_batch_bytes";
    public const string CommitFailures = "etl_worker_commit_failures";
    public const string BatchLatency = "etl_worker_batch_latency_seconds";
    public const string LatencyFromTweet = "etl_worker_end_to_end_latency_from_tweet_seconds";
    public const string LatencyFromIngest = "etl_worker_end_to_end_latency_from_ingest_seconds";
    public const string ConsumerLag = "etl_worker_consumer_lag";
    public const string Paused = "etl_worker_paused";

    /// <summary>The <c>stream</c> command's meter and instruments (live sources into Kafka).</summary>
    public const string SourceMeterName = "Etl.Worker.Sources";
    public const string SourceReceived = "etl_source_received";
    public const string SourceProduced = "etl_source_produced";
    public const string SourceProduceFailed = "etl_source_produce_failed";
    public const string SourceReconnects = "etl_source_reconnects";
    public const string SourceMalformed = "etl_source_malformed";
    public const string SourceLag = "etl_source_lag_seconds";
    public const string SourceQueued = "etl_source_queued";
}
