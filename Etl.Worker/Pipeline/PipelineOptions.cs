namespace Etl.Worker.Pipeline;

/// <summary>How the worker batches, retries and applies backpressure. Section <c>Pipeline</c>.</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Topic to consume.</summary>
    public string Topic { get; set; } = Schemas.Naming.TopicNames.Raw;

    /// <summary>Consumer group id; workers in one group split the partitions.</summary>
    public string GroupId { get; set; } = "etl-worker";

    /// <summary>
    /// Lanes decoding and enriching in parallel; 0 means one per core. Records are routed to a lane by key, so all
    /// versions of one tweet are processed, and indexed, in the order they were produced.
    /// </summary>
    public int EnrichParallelism { get; set; }

    /// <summary>Capacity of each bounded channel between stages.</summary>
    public int ChannelCapacity { get; set; } = 1_024;

    /// <summary>A bulk request is sent when it holds this many documents...</summary>
    public int BatchMaxDocuments { get; set; } = 1_000;

    /// <summary>...or this many bytes of bulk body (action lines and sources, as written)...</summary>
    public long BatchMaxBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>...or when its oldest document has waited this long.</summary>
    public TimeSpan BatchLinger { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Attempts per item for 429/5xx item failures before it is dead-lettered as exhausted.</summary>
    public int MaxItemAttempts { get; set; } = 8;

    /// <summary>First retry delay; doubles per attempt, with full jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of one retry or probe delay.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long stopping or a rebalance waits for in-flight records before leaving them undone.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a rebalance waits for the revoked partitions' records in flight before it commits what is done and
    /// lets them go (the rest is read again by the next owner). Keep it well under the group's session timeout.
    /// </summary>
    public TimeSpan RevokeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Dead letters being produced at once.</summary>
    public int DeadLetterMaxInFlight { get; set; } = 16;

    /// <summary>How often stored offsets are committed to the group.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int EffectiveParallelism => EnrichParallelism > 0 ? EnrichParallelism : Environment.ProcessorCount;
}
