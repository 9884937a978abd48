using Confluent.Kafka;
using Etl.Worker.Observability;

namespace Etl.Worker.Consuming;

/// <summary>
/// Commits the offsets of finished work, on the consume thread. Between rebalances it only stores them and lets
/// librdkafka's interval commit send them, because librdkafka knows when the group is mid-rebalance (a commit of ours
/// then goes out under a generation that just ended); at revocation and at stop it commits explicitly. What it commits
/// is taken fresh from the current assignment each time, so a failed commit never lingers: a partition revoked since
/// is simply no longer asked about.
/// </summary>
public sealed class OffsetCommitter(PartitionAssignment assignment, PipelineMetrics metrics, ILogger logger)
{
    /// <summary>Stores what is done on every held partition for librdkafka's next interval commit.</summary>
    public void Store(IConsumer<byte[]?, byte[]?> consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        foreach (var (partition, offset) in assignment.Committable(sinceStored: true))
        {
            TryStore(consumer, partition, offset);
        }
    }

    private static void TryStore(IConsumer<byte[]?, byte[]?> consumer, PartitionOffsets partition, TopicPartitionOffset offset)
    {
        try
        {
            consumer.StoreOffset(offset);
            partition.Stored(offset.Offset.Value);
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_State)
        {
            // Being revoked right now; the revoke handler commits it explicitly.
        }
    }

    /// <summary>librdkafka's report of a commit (its own interval commits included): failures are counted and logged.</summary>
    public void OnCommitted(CommittedOffsets committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        var failed = committed.Error.IsError ? committed.Offsets.Count : committed.Offsets.Count(o => o.Error.IsError);
        if (committed.Error.Code is ErrorCode.Local_NoOffset || failed == 0)
        {
            foreach (var offset in committed.Offsets)
            {
                assignment.Get(offset.TopicPartition)?.Committed(offset.Offset.Value);
            }

            return;
        }

        if (committed.Error.Code == ErrorCode.RebalanceInProgress || committed.Offsets.All(o => !o.Error.IsError || o.Error.Code == ErrorCode.RebalanceInProgress))
        {
            logger.LogInformation("Offsets not committed at interval: the group is rebalancing; they follow after it");
            return;
        }

        var reason = committed.Error.IsError ? committed.Error.Reason : string.Join("; ", committed.Offsets.Where(o => o.Error.IsError).Select(o => $"{o.TopicPartition}: {o.Error.Reason}"));
        var refused = committed.Offsets.Where(o => committed.Error.IsError || o.Error.IsError).ToList();
        if (refused.All(o => o.Offset.Value <= assignment.KnownCommitted(o.TopicPartition)))
        {
            // librdkafka's repeat, as it lets go of partitions, of offsets the group already accepted: nothing is lost.
            logger.LogInformation("A repeated commit of {Count} offsets already committed was refused ({Reason}); nothing to commit again", failed, reason);
            return;
        }

        metrics.RecordCommitFailure();
        logger.LogWarning("Commit of {Count} offsets failed ({Reason}); what is still assigned is committed next time", failed, reason);
    }

    /// <summary>Commits what is done on the held partitions.</summary>
    /// <param name="consumer">The group member; called on its consume thread.</param>
    /// <param name="occasion">For the log: revoke, stop.</param>
    /// <param name="of">The partitions to commit; all held partitions by default.</param>
    /// <param name="probe">
    /// Outside the revoke handler, a join of this member's own may be under way: librdkafka sends nothing more to the
    /// coordinator until the join is answered, so a commit built now would go out after the new generation began and be
    /// refused as stale. With a probe, the committed offsets are first asked for (waiting at most this long): that
    /// request waits behind any join of ours, so the commit that follows carries the generation current then.
    /// </param>
    public CommitResult Commit(IConsumer<byte[]?, byte[]?> consumer, string occasion, IEnumerable<PartitionOffsets>? of = null, TimeSpan? probe = null)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var pending = assignment.Committable(of);
        if (pending.Count == 0)
        {
            return CommitResult.Done;
        }

        if (probe is { } patience)
        {
            try
            {
                consumer.Committed(pending.Select(p => p.Offset.TopicPartition), patience);
            }
            catch (KafkaException ex)
            {
                logger.LogInformation("Offsets not committed at {Occasion}: the coordinator did not answer ({Reason}); trying again", occasion, ex.Error.Reason);
                return CommitResult.Rebalancing;
            }

            // Taken again: the probe may have waited for a rebalance that revoked some of them.
            pending = assignment.Committable(of);
            if (pending.Count == 0)
            {
                return CommitResult.Done;
            }
        }

        // Stored too, so librdkafka's own commit (at its interval, or when the handle closes) never sends an older offset after ours.
        foreach (var (partition, offset) in pending)
        {
            TryStore(consumer, partition, offset);
        }

        try
        {
            consumer.Commit(pending.Select(p => p.Offset));
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.RebalanceInProgress)
        {
            // Not a failure: the group is changing. The revoke handler commits what is done on the partitions that go
            // away, and the next interval commits the rest under the new generation.
            logger.LogInformation("Offsets not committed at {Occasion}: the group is rebalancing; they follow after it", occasion);
            return CommitResult.Rebalancing;
        }
        catch (KafkaException ex)
        {
            metrics.RecordCommitFailure();
            logger.LogWarning("Commit of {Count} offsets at {Occasion} failed ({Code}: {Reason}); what is still assigned is committed next time", pending.Count, occasion, ex.Error.Code, ex.Error.Reason);
            return CommitResult.Failed;
        }

        foreach (var (partition, offset) in pending)
        {
            partition.Committed(offset.Offset.Value);
        }

        return CommitResult.Done;
    }
}

/// <summary>What became of an explicit commit.</summary>
public enum CommitResult
{
    /// <summary>Accepted, or nothing to commit.</summary>
    Done,

    /// <summary>Refused because the group is rebalancing: not a failure; the partitions still held are committed after it.</summary>
    Rebalancing,

    /// <summary>Refused for another reason (counted in the commit failures).</summary>
    Failed,
}
