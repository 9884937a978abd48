using Confluent.Kafka;

namespace Etl.Worker.Consuming;

/// <summary>
/// The offsets of one partition for one assignment: which dispatched records are still in flight, and so the next
/// offset that may be committed — only once every record before it is indexed or dead-lettered. Created when the
/// partition is assigned and revoked with it; a record holds the instance it was read under, so a late completion
/// after a rebalance can never mark a record of a newer assignment done.
/// </summary>
public sealed class PartitionOffsets
{
    private readonly Lock gate = new();
    private readonly SortedSet<long> inFlight = [];
    private long highestDispatched = -1;
    private long committed = -1;
    private long stored = -1;
    private TaskCompletionSource? drained;
    private volatile bool revoked;

    public PartitionOffsets(TopicPartition partition) => Partition = partition;

    public TopicPartition Partition { get; }

    /// <summary>True once the partition was revoked or lost: stages drop its records, nobody commits for it.</summary>
    public bool IsRevoked => revoked;

    /// <summary>The highest offset the group accepted from us for this partition; -1 before the first.</summary>
    public long CommittedOffset
    {
        get
        {
            lock (gate)
            {
                return committed;
            }
        }
    }

    public int InFlight
    {
        get
        {
            lock (gate)
            {
                return inFlight.Count;
            }
        }
    }

    /// <summary>
    /// The record at <paramref name="offset"/> is being handed to the stages (registered first, so it cannot be
    /// completed before it is known). Offsets arrive in order. Returns what <see cref="Withdraw"/> needs.
    /// </summary>
    public long Dispatching(long offset)
    {
        lock (gate)
        {
            var previous = highestDispatched;
            inFlight.Add(offset);
            highestDispatched = Math.Max(highestDispatched, offset);
            return previous;
        }
    }

    /// <summary>The hand-over of <paramref name="offset"/> did not happen (the lane was full): forget it again.</summary>
    public void Withdraw(long offset, long previousHighest)
    {
        lock (gate)
        {
            inFlight.Remove(offset);
            highestDispatched = previousHighest;
        }
    }

    /// <summary>The record at <paramref name="offset"/> is indexed or dead-lettered.</summary>
    public void Complete(long offset)
    {
        lock (gate)
        {
            if (inFlight.Remove(offset) && inFlight.Count == 0)
            {
                drained?.TrySetResult();
                drained = null;
            }
        }
    }

    /// <summary>Completes when nothing dispatched is in flight any more (or the partition is revoked).</summary>
    public Task WhenDrained()
    {
        lock (gate)
        {
            if (inFlight.Count == 0 || revoked)
            {
                return Task.CompletedTask;
            }

            drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return drained.Task;
        }
    }

    /// <summary>
    /// The next offset to read, when it moved past the last commit (or, with <paramref name="sinceStored"/>, past the
    /// last offset stored for librdkafka's own commit); null otherwise. Everything below the oldest record in flight
    /// is done; with nothing in flight, everything dispatched is.
    /// </summary>
    public TopicPartitionOffset? Committable(bool sinceStored = false)
    {
        lock (gate)
        {
            if (revoked || highestDispatched < 0)
            {
                return null;
            }

            var next = inFlight.Count > 0 ? inFlight.Min : highestDispatched + 1;
            return next > (sinceStored ? Math.Max(stored, committed) : committed) ? new TopicPartitionOffset(Partition, new Offset(next)) : null;
        }
    }

    /// <summary><paramref name="offset"/> was stored for librdkafka's interval commit.</summary>
    public void Stored(long offset)
    {
        lock (gate)
        {
            stored = Math.Max(stored, offset);
        }
    }

    /// <summary>The group accepted <paramref name="offset"/>.</summary>
    public void Committed(long offset)
    {
        lock (gate)
        {
            committed = Math.Max(committed, offset);
        }
    }

    public void Revoke()
    {
        lock (gate)
        {
            revoked = true;
            drained?.TrySetResult();
            drained = null;
        }
    }
}
