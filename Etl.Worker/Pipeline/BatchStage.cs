using System.Threading.Channels;

namespace Etl.Worker.Pipeline;

/// <summary>
/// Gathers enriched records into bulk batches: sent when a batch holds <see cref="PipelineOptions.BatchMaxDocuments"/>,
/// or its body reaches <see cref="PipelineOptions.BatchMaxBytes"/> as written, or its oldest record has waited
/// <see cref="PipelineOptions.BatchLinger"/> — whichever comes first; what is left is sent when the input ends.
/// Records that failed to decode or enrich go to the dead-letter stage instead. When a batch holds two versions of
/// one document, the older is superseded on the spot, so a retry of the older can never land after the newer.
/// </summary>
internal sealed class BatchStage(PipelineOptions options, ChannelReader<WorkItem> input, DeadLetters.DeadLetterDispatcher deadLetters, TimeProvider time)
{
    private readonly Channel<List<WorkItem>> output = Channel.CreateBounded<List<WorkItem>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });

    public ChannelReader<List<WorkItem>> Output => output.Reader;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var batch = new Batch(options.BatchMaxDocuments);
        try
        {
            while (true)
            {
                if (batch.Count > 0)
                {
                    var remaining = options.BatchLinger - time.GetElapsedTime(batch.StartedAt);
                    if (remaining <= TimeSpan.Zero || !await WaitAsync(remaining, cancellationToken))
                    {
                        await EmitAsync(batch, cancellationToken);
                        continue;
                    }
                }
                else if (!await input.WaitToReadAsync(cancellationToken))
                {
                    break;
                }

                while (batch.Count < options.BatchMaxDocuments && batch.Bytes < options.BatchMaxBytes && input.TryRead(out var item))
                {
                    if (item.IsAbandoned)
                    {
                        continue;
                    }

                    if (item.Outcome.IsFailure)
                    {
                        await deadLetters.SendAsync(item, item.ToFailed(item.Outcome.Stage!.Value, item.Outcome.ErrorType!, item.Outcome.ErrorMessage!, time.GetUtcNow()), cancellationToken);
                        continue;
                    }

                    batch.Add(item, time.GetTimestamp());
                }

                if (batch.Count >= options.BatchMaxDocuments || batch.Bytes >= options.BatchMaxBytes)
                {
                    await EmitAsync(batch, cancellationToken);
                }
                else if (input.Completion.IsCompleted && batch.Count > 0)
                {
                    await EmitAsync(batch, cancellationToken);
                }
            }

            if (batch.Count > 0)
            {
                await EmitAsync(batch, cancellationToken);
            }

            output.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            output.Writer.TryComplete(ex is OperationCanceledException ? null : ex);
            throw;
        }
    }

    /// <summary>True when more input arrived within <paramref name="remaining"/>; false when the linger ran out or input ended.</summary>
    private async Task<bool> WaitAsync(TimeSpan remaining, CancellationToken cancellationToken)
    {
        using var linger = new CancellationTokenSource(remaining, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, linger.Token);
        try
        {
            return await input.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task EmitAsync(Batch batch, CancellationToken cancellationToken)
    {
        var items = batch.Take();
        if (items.Count > 0)
        {
            await output.Writer.WriteAsync(items, cancellationToken);
        }
    }

    private sealed class Batch(int capacity)
    {
        private readonly Dictionary<(string Index, string Id), int> positions = [];
        private List<WorkItem> items = new(capacity);

        public int Count => items.Count;

        public long Bytes { get; private set; }

        public long StartedAt { get; private set; }

        public void Add(WorkItem item, long now)
        {
            var action = item.Action!;
            if (positions.TryGetValue((action.Index, action.Id), out var at))
            {
                // The newer version takes the older's place; the older is done — what it would have written is overwritten.
                var older = items[at];
                Bytes -= older.Action!.BulkBytes;
                older.Complete();
                items[at] = item;
            }
            else
            {
                if (items.Count == 0)
                {
                    StartedAt = now;
                }

                positions[(action.Index, action.Id)] = items.Count;
                items.Add(item);
            }

            Bytes += action.BulkBytes;
        }

        public List<WorkItem> Take()
        {
            var taken = items;
            items = new List<WorkItem>(capacity);
            positions.Clear();
            Bytes = 0;
            return taken;
        }
    }
}
