using Etl.Worker.Producing;

namespace Etl.Worker.Sources;

/// <summary>
/// Runs one live source: the reader fills the <see cref="SourceHandoff"/> as fast as the network delivers, and a
/// separate loop produces from it to Kafka. A resume position (cursor) is saved only once every post up to it is
/// acknowledged by Kafka, so a restart resumes without a gap. On stop the reader ends, the queue drains, the producer
/// flushes and the last acknowledged cursor is saved. A delivery failure stops the source (exit code 1) without moving
/// the cursor past the lost post.
/// </summary>
public sealed class StreamRunner(TweetProducer producer, SourceMetrics metrics, TimeProvider clock, ILogger logger)
{
    private long queuedTotal;

    /// <summary>How often, at most, the cursor is checkpointed (each checkpoint waits for Kafka's acknowledgements).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a checkpoint or the final flush waits for Kafka.</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Reads <paramref name="read"/> into a hand-off of <paramref name="capacity"/> and produces until stopped;
    /// <paramref name="checkpoint"/> saves a cursor all of whose posts are acknowledged (null for sources without one).
    /// </summary>
    public async Task<StreamResult> RunAsync(
        int capacity, Func<SourceHandoff, CancellationToken, Task> read, Action<long>? checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var handoff = new SourceHandoff(capacity);
        metrics.Attach(() => producer.Delivered, () => producer.Failed, () => handoff.Count);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var produce = Task.Run(() => ProduceAsync(handoff, checkpoint, stop), CancellationToken.None);

        Exception? failure = null;
        try
        {
            await read(handoff, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C, or the producer stopped us after a failed delivery.
        }
#pragma warning disable CA1031 // The reader's fatal error (a refused token, a bad request) is reported, after the queue is drained and flushed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }
        finally
        {
            handoff.Complete();
        }

        var saved = await produce;
        return new StreamResult(metrics.Received, producer.Delivered, producer.Failed, saved, failure);
    }

    private async Task<long?> ProduceAsync(SourceHandoff handoff, Action<long>? checkpoint, CancellationTokenSource stop)
    {
        long? pending = null;
        long? saved = null;
        var lastCheckpoint = clock.GetTimestamp();
        await foreach (var item in handoff.ReadAllAsync(CancellationToken.None))
        {
            if (item.Tweet is { } tweet)
            {
                await producer.ProduceAsync(tweet);
                queuedTotal++;
            }

            if (item.Cursor is { } cursor)
            {
                pending = cursor;
            }

            if (checkpoint is not null && pending is not null && pending != saved && clock.GetElapsedTime(lastCheckpoint) >= CheckpointInterval)
            {
                lastCheckpoint = clock.GetTimestamp();
                if (TryCheckpoint(pending.Value, checkpoint))
                {
                    saved = pending;
                }
                else if (producer.Failed > 0)
                {
                    await stop.CancelAsync();
                }
            }
        }

        if (checkpoint is not null && pending is not null && pending != saved && TryCheckpoint(pending.Value, checkpoint))
        {
            saved = pending;
        }
        else
        {
            producer.Flush(FlushTimeout);
        }

        if (producer.Failed > 0)
        {
            logger.LogError("{Failed} posts were not acknowledged by Kafka ({Reason}); the cursor stays at the last post acknowledged.", producer.Failed, producer.LastError);
        }

        return saved;
    }

    /// <summary>Waits for every queued post to be acknowledged; saves the cursor only then, and only if none failed.</summary>
    private bool TryCheckpoint(long cursor, Action<long> checkpoint)
    {
        producer.Flush(FlushTimeout);
        if (producer.Failed > 0 || producer.Delivered < queuedTotal)
        {
            return false;
        }

        checkpoint(cursor);
        return true;
    }
}
