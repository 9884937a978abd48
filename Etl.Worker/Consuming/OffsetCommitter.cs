using Confluent.Kafka;
using Etl.Worker.Observability;

namespace Etl.Worker.Consuming;

/// <summary>
/// Commits the offsets of finished work, on the consume thread. What it commits is taken fresh from the current
/// assignment each time, so a failed commit never lingers: a partition revoked since is simply no longer asked about.
/// </summary>
public sealed class OffsetCommitter(PartitionAssignment assignment, PipelineMetrics metrics, ILogger logger)
{
    /// <summary>Commits what is done on <paramref name="of"/> (all held partitions by default). False when the group refused.</summary>
    public bool Commit(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<PartitionOffsets>? of = null)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var pending = assignment.Committable(of);
        if (pending.Count == 0)
        {
            return true;
        }

        try
        {
            consumer.Commit(pending.Select(p => p.Offset));
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.RebalanceInProgress)
        {
            // Not a failure: the group is changing. The revoke handler commits what is done on the partitions that go
            // away, and the next interval commits the rest under the new generation.
            logger.LogInformation("Offsets not stored yet: the group is rebalancing; they follow after it");
            return false;
        }
        catch (KafkaException ex)
        {
            metrics.RecordCommitFailure();
            logger.LogWarning("Commit of {Count} offsets failed ({Code}: {Reason}); what is still assigned is committed next time", pending.Count, ex.Error.Code, ex.Error.Reason);
            return false;
        }

        foreach (var (partition, offset) in pending)
        {
            partition.Committed(offset.Offset.Value);
        }

        return true;
    }
}
