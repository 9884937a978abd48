using System.Threading.Channels;

namespace Etl.Worker.Sources;

/// <summary>
/// The bounded in-memory queue between a socket reader and the Kafka producer. The reader only ever waits here when
/// the queue is full — that is, when Kafka has been slower than the network for <see cref="Capacity"/> items — so a
/// slow or briefly unavailable broker never stalls the read of what is already arriving. Waiting (rather than
/// dropping) keeps nothing-lost: a source that cannot be read is disconnected by its server and resumed later.
/// </summary>
public sealed class SourceHandoff
{
    private readonly Channel<StreamItem> channel;
    private long timesFull;

    public SourceHandoff(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        channel = Channel.CreateBounded<StreamItem>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public int Capacity { get; }

    /// <summary>Items waiting for the producer.</summary>
    public int Count => channel.Reader.Count;

    /// <summary>How often the reader found the queue full and had to wait.</summary>
    public long TimesFull => Interlocked.Read(ref timesFull);

    public ValueTask WriteAsync(StreamItem item, CancellationToken cancellationToken)
    {
        if (channel.Writer.TryWrite(item))
        {
            return ValueTask.CompletedTask;
        }

        Interlocked.Increment(ref timesFull);
        return channel.Writer.WriteAsync(item, cancellationToken);
    }

    /// <summary>No more items: the producer drains what is queued and ends.</summary>
    public void Complete() => channel.Writer.TryComplete();

    public IAsyncEnumerable<StreamItem> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);
}
