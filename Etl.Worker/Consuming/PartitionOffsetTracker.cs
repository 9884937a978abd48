using Confluent.Kafka;

namespace Etl.Worker.Consuming;

/// <summary>
/// Knows, per partition, which consumed offsets are still in flight, and so the highest offset that may be stored:
/// the next offset to read is only stored once every record before it is indexed or dead-lettered.
/// Thread-safe: the consume loop registers records, the indexing and dead-letter stages complete them.
/// </summary>
public sealed class PartitionOffsetTracker
{
    private readonly Lock gate = new();
    private readonly Dictionary<TopicPartition, PartitionState> partitions = [];

    /// <summary>Starts tracking a partition (on assignment). Offsets registered for untracked partitions are ignored.</summary>
    public void Assign(TopicPartition partition)
    {
        lock (gate)
        {
            partitions.TryAdd(partition, new PartitionState());
        }
    }

    /// <summary>Stops tracking a partition (after revoke has flushed it).</summary>
    public void Revoke(TopicPartition partition)
    {
        lock (gate)
        {
            partitions.Remove(partition);
        }
    }

    /// <summary>Records that <paramref name="offset"/> was consumed and is now in flight.</summary>
    public void Register(TopicPartition partition, long offset)
    {
        lock (gate)
        {
            if (!partitions.TryGetValue(partition, out var state))
            {
                state = new PartitionState();
                partitions[partition] = state;
            }

            state.InFlight.Add(offset);
            state.HighestSeen = Math.Max(state.HighestSeen, offset);
        }
    }

    /// <summary>Records that <paramref name="offset"/> is done (indexed or dead-lettered).</summary>
    public void Complete(TopicPartition partition, long offset)
    {
        lock (gate)
        {
            if (partitions.TryGetValue(partition, out var state))
            {
                state.InFlight.Remove(offset);
            }
        }
    }

    /// <summary>
    /// Offsets that may be stored now (the next offset to read for each partition), for partitions where that
    /// moved since the last call.
    /// </summary>
    public IReadOnlyList<TopicPartitionOffset> TakeStorable()
    {
        var result = new List<TopicPartitionOffset>();
        lock (gate)
        {
            foreach (var (partition, state) in partitions)
            {
                if (state.HighestSeen < 0)
                {
                    continue;
                }

                // Everything below the oldest record in flight is done; with nothing in flight, all that was seen is.
                var next = state.InFlight.Count > 0 ? state.InFlight.Min : state.HighestSeen + 1;
                if (next > state.LastStored)
                {
                    state.LastStored = next;
                    result.Add(new TopicPartitionOffset(partition, new Offset(next)));
                }
            }
        }

        return result;
    }

    /// <summary>Records still in flight on the given partitions.</summary>
    public int InFlight(IEnumerable<TopicPartition> of)
    {
        lock (gate)
        {
            return of.Sum(p => partitions.TryGetValue(p, out var s) ? s.InFlight.Count : 0);
        }
    }

    /// <summary>Records in flight on every partition.</summary>
    public int InFlightTotal
    {
        get
        {
            lock (gate)
            {
                return partitions.Values.Sum(s => s.InFlight.Count);
            }
        }
    }

    private sealed class PartitionState
    {
        public SortedSet<long> InFlight { get; } = [];

        public long HighestSeen { get; set; } = -1;

        public long LastStored { get; set; } = -1;
    }
}
