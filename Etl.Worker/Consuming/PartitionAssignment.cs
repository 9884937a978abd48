using System.Collections.Concurrent;
using Confluent.Kafka;

namespace Etl.Worker.Consuming;

/// <summary>
/// The partitions this worker holds now, each with its <see cref="PartitionOffsets"/>: added on assignment, removed
/// on revocation or loss, so nothing of a partition we no longer own is ever committed again.
/// </summary>
public sealed class PartitionAssignment
{
    private readonly ConcurrentDictionary<TopicPartition, PartitionOffsets> partitions = new();

    // What the group had accepted from us for partitions since removed: librdkafka commits a removed partition's
    // stored offset once more as it lets go of it, and that repeat may be refused under a generation that just ended.
    private readonly ConcurrentDictionary<TopicPartition, long> released = new();

    public int Count => partitions.Count;

    public IEnumerable<PartitionOffsets> All => partitions.Values;

    /// <summary>The partitions held now, in partition order.</summary>
    public IReadOnlyList<TopicPartition> Partitions => [.. partitions.Keys.OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition.Value)];

    public int InFlight => partitions.Values.Sum(p => p.InFlight);

    public PartitionOffsets Assign(TopicPartition partition)
    {
        var offsets = new PartitionOffsets(partition);
        if (partitions.TryGetValue(partition, out var previous))
        {
            previous.Revoke();
        }

        partitions[partition] = offsets;
        released.TryRemove(partition, out _);
        return offsets;
    }

    public PartitionOffsets? Get(TopicPartition partition) => partitions.GetValueOrDefault(partition);

    /// <summary>The highest offset of <paramref name="partition"/> the group accepted from us, held or released; -1 if none.</summary>
    public long KnownCommitted(TopicPartition partition) =>
        partitions.TryGetValue(partition, out var held) ? held.CommittedOffset : released.GetValueOrDefault(partition, -1);

    /// <summary>Forgets the partitions and marks their state revoked; returns what was held.</summary>
    public IReadOnlyList<PartitionOffsets> Remove(IEnumerable<TopicPartition> revoked)
    {
        var removed = new List<PartitionOffsets>();
        foreach (var partition in revoked)
        {
            if (partitions.TryRemove(partition, out var offsets))
            {
                offsets.Revoke();
                released[partition] = offsets.CommittedOffset;
                removed.Add(offsets);
            }
        }

        return removed;
    }

    /// <summary>The offsets that moved since their last commit, for every partition held now.</summary>
    public List<(PartitionOffsets Partition, TopicPartitionOffset Offset)> Committable(IEnumerable<PartitionOffsets>? of = null, bool sinceStored = false)
    {
        var result = new List<(PartitionOffsets, TopicPartitionOffset)>();
        foreach (var partition in of ?? partitions.Values)
        {
            if (partition.Committable(sinceStored) is { } offset)
            {
                result.Add((partition, offset));
            }
        }

        return result;
    }
}
