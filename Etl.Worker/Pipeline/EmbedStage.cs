using System.Threading.Channels;
using Etl.Enrichment.Embedding;
using etl.tweets;
using Etl.Worker.Indexing;
using Polly;
using Polly.Retry;

namespace Etl.Worker.Pipeline;

/// <summary>
/// Embeds enriched documents in batches across records (a model or a server is far cheaper per text in a batch than
/// one call per tweet): gathers up to <see cref="PipelineOptions.EmbedBatchSize"/> documents or waits
/// <see cref="PipelineOptions.EmbedLinger"/>, keeps <see cref="PipelineOptions.EmbedParallelism"/> batches in flight,
/// and emits records in the order they came — so per-key order from the enrich lanes holds. While the embedder is down
/// (an http server away, 5xx, 429, timeouts) the batch waits and retries with back-off and the outage pauses
/// consumption; nothing is dead-lettered for it. Only a text the server rejects on its own is dead-lettered.
/// </summary>
internal sealed class EmbedStage
{
    public const string Dependency = "embedder";

    private readonly PipelineOptions options;
    private readonly IEmbedder embedder;
    private readonly ChannelReader<WorkItem> input;
    private readonly PipelineHealth health;
    private readonly ILogger logger;
    private readonly Channel<Task<List<WorkItem>>> inFlight;
    private readonly Channel<WorkItem> output;
    private readonly ResiliencePipeline retry;

    public EmbedStage(PipelineOptions options, IEmbedder embedder, ChannelReader<WorkItem> input, PipelineHealth health, TimeProvider time, ILogger logger)
    {
        this.options = options;
        this.embedder = embedder;
        this.input = input;
        this.health = health;
        this.logger = logger;
        inFlight = Channel.CreateBounded<Task<List<WorkItem>>>(new BoundedChannelOptions(options.EmbedParallelism) { SingleReader = true, SingleWriter = true });
        output = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(options.ChannelCapacity) { SingleReader = true, SingleWriter = true });
        retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(PipelineBackoff.UntilItWorks<RetryStrategyOptions, object>(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } error && DependencyAnswers.IsTransient(error)),
                OnRetry = args =>
                {
                    if (args.AttemptNumber == 0)
                    {
                        logger.LogWarning("The embedder {Embedder} is unavailable ({Reason}); pausing and retrying", embedder.Name, args.Outcome.Exception?.Message);
                    }

                    health.Down(Dependency, $"{embedder.Name}: {args.Outcome.Exception?.Message}");
                    return ValueTask.CompletedTask;
                },
            }, options))
            .Build();
    }

    public ChannelReader<WorkItem> Output => output.Reader;

    public Task RunAsync(CancellationToken cancellationToken)
    {
        var gather = Task.Run(() => GatherAsync(cancellationToken), CancellationToken.None);
        var emit = Task.Run(() => EmitAsync(cancellationToken), CancellationToken.None);
        return StageCompletion.CompleteWhenDone(output.Writer, gather, emit);
    }

    private async Task GatherAsync(CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<WorkItem>(options.EmbedBatchSize);
            while (await input.WaitToReadAsync(cancellationToken))
            {
                Drain(batch);
                if (batch.Count < options.EmbedBatchSize && options.EmbedLinger > TimeSpan.Zero)
                {
                    // Wait briefly for more, so a trickle still makes batches; a full channel never waits.
                    using var linger = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    linger.CancelAfter(options.EmbedLinger);
                    try
                    {
                        while (batch.Count < options.EmbedBatchSize && await input.WaitToReadAsync(linger.Token))
                        {
                            Drain(batch);
                        }
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                    }
                }

                var items = batch;
                batch = new List<WorkItem>(options.EmbedBatchSize);
                await inFlight.Writer.WriteAsync(Task.Run(() => EmbedAsync(items, cancellationToken), CancellationToken.None), cancellationToken);
            }
        }
        finally
        {
            inFlight.Writer.TryComplete();
        }
    }

    private void Drain(List<WorkItem> batch)
    {
        while (batch.Count < options.EmbedBatchSize && input.TryRead(out var item))
        {
            batch.Add(item);
        }
    }

    /// <summary>Batches leave in the order they were gathered, whichever finished first.</summary>
    private async Task EmitAsync(CancellationToken cancellationToken)
    {
        await foreach (var batch in inFlight.Reader.ReadAllAsync(cancellationToken))
        {
            foreach (var item in await batch)
            {
                await output.Writer.WriteAsync(item, cancellationToken);
            }
        }
    }

    private async Task<List<WorkItem>> EmbedAsync(List<WorkItem> items, CancellationToken cancellationToken)
    {
        var pending = items.Where(i => !i.IsAbandoned && i.Outcome.Document is { Embedding: null }).ToList();
        if (pending.Count == 0)
        {
            return items;
        }

        try
        {
            var vectors = await retry.ExecuteAsync(
                async (state, token) => await state.embedder.EmbedAsync([.. state.pending.Select(i => i.Outcome.Document!.Text)], token),
                (embedder, pending),
                cancellationToken);
            health.Up(Dependency);
            for (var i = 0; i < pending.Count; i++)
            {
                Attach(pending[i], vectors[i]);
            }
        }
        catch (EmbeddingServerException ex) when (!ex.IsTransient)
        {
            // The server refused the request itself: find the texts it refuses, one at a time, and dead-letter only those.
            logger.LogWarning(ex, "The embedder refused a batch of {Count}; embedding its texts one by one", pending.Count);
            foreach (var item in pending)
            {
                try
                {
                    var vector = await retry.ExecuteAsync(
                        async (state, token) => (await state.embedder.EmbedAsync([state.item.Outcome.Document!.Text], token))[0],
                        (embedder, item),
                        cancellationToken);
                    Attach(item, vector);
                }
                catch (EmbeddingServerException single) when (!single.IsTransient)
                {
                    item.Outcome = RecordOutcome.Failed(DeadLetterStage.enrich, single);
                    item.Action = null;
                }
            }

            health.Up(Dependency);
        }

        return items;
    }

    private static void Attach(WorkItem item, float[] vector)
    {
        var document = item.Outcome.Document! with { Embedding = vector };
        item.Outcome = item.Outcome with { Document = document };
        item.Action = new IndexAction(item.Outcome.Index!, document.Id, document);
    }
}
