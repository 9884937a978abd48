using System.Threading.Channels;
using etl.tweets;
using Etl.Worker.DeadLetters;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;

namespace Etl.Worker.Indexing;

/// <summary>
/// Sends each batch to the sink and acts on the answer as <see cref="AnswerClassifier"/> decides: items done are
/// acknowledged; items answered 429/5xx are resent with back-off until <see cref="PipelineOptions.MaxItemAttempts"/>,
/// then dead-lettered with the last answer; other item failures are dead-lettered with Elasticsearch's reason. A
/// whole request that fails is resent with back-off (and the pipeline paused while it lasts or when it refuses
/// everyone, 401/403/unreachable — no dead letters); one answered 413 is halved; one answered another 4xx is halved
/// until the records that cause it stand alone, and only they are dead-lettered. One batch is finished — every record
/// acknowledged or dead-lettered — before the next is sent, so versions of a document are written in order.
/// </summary>
internal sealed class IndexStage(
    PipelineOptions options,
    ChannelReader<List<WorkItem>> input,
    IDocumentSink sink,
    DeadLetterDispatcher deadLetters,
    PipelineHealth health,
    PipelineMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    private readonly RetryBackoff backoff = new(options.RetryBaseDelay, options.RetryMaxDelay);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in input.ReadAllAsync(cancellationToken))
            {
                await IndexAsync(batch, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            deadLetters.CompleteInput();
        }
    }

    private async Task IndexAsync(List<WorkItem> batch, CancellationToken cancellationToken)
    {
        // Parts still to send; a split pushes its second half first so the first half goes first.
        var work = new Stack<List<WorkItem>>();
        work.Push(batch);
        var requestFailures = 0;
        var itemRetries = 0;
        while (work.TryPop(out var part))
        {
            part.RemoveAll(i => i.IsAbandoned);
            if (part.Count == 0)
            {
                continue;
            }

            IReadOnlyList<SinkItemResult> results;
            var started = time.GetTimestamp();
            try
            {
                results = await sink.WriteAsync(part.ConvertAll(i => i.Action!), cancellationToken);
            }
            catch (SinkRequestException ex)
            {
                var verdict = AnswerClassifier.Classify(ex.Answer);
                if (verdict is Verdict.Split or Verdict.Bisect)
                {
                    await SplitAsync(work, part, ex.Answer, cancellationToken);
                    continue;
                }

                requestFailures++;
                if (verdict == Verdict.Pause || requestFailures >= options.MaxItemAttempts)
                {
                    if (!health.IsDown(PipelineHealth.Elasticsearch))
                    {
                        logger.LogWarning("Elasticsearch unavailable ({Reason}); pausing consumption and resending with back-off", ex.Answer.Describe());
                    }

                    health.Down(PipelineHealth.Elasticsearch, ex.Answer.Describe());
                }
                else
                {
                    logger.LogInformation("Bulk request of {Count} failed ({Reason}); resending with back-off", part.Count, ex.Answer.Describe());
                }

                await Task.Delay(backoff.Delay(requestFailures - 1), time, cancellationToken);
                work.Push(part);
                continue;
            }

            if (results.Count != part.Count)
            {
                throw new InvalidOperationException($"The sink answered {results.Count} items for a request of {part.Count}; it must answer one per action.");
            }

            if (health.IsDown(PipelineHealth.Elasticsearch))
            {
                logger.LogInformation("Elasticsearch answers again; resuming");
                health.Up(PipelineHealth.Elasticsearch);
            }

            requestFailures = 0;
            metrics.RecordBatch(part.Count, part.Sum(i => (long)i.Action!.BulkBytes), time.GetElapsedTime(started));
            var retry = await AcknowledgeAsync(part, results, cancellationToken);
            if (retry.Count > 0)
            {
                metrics.RecordRetried(retry.Count);
                await Task.Delay(backoff.Delay(itemRetries++), time, cancellationToken);
                work.Push(retry);
            }
        }
    }

    /// <summary>Acknowledges or dead-letters each item; returns those to resend.</summary>
    private async Task<List<WorkItem>> AcknowledgeAsync(List<WorkItem> part, IReadOnlyList<SinkItemResult> results, CancellationToken cancellationToken)
    {
        var retry = new List<WorkItem>();
        var now = time.GetUtcNow();
        var indexed = 0;
        for (var i = 0; i < part.Count; i++)
        {
            var item = part[i];
            var result = results[i];
            switch (AnswerClassifier.Classify(result.ToAnswer()))
            {
                case Verdict.Done:
                    indexed++;
                    metrics.RecordEndToEnd(now - item.Action!.Document.CreatedAt, item.Timestamp is { } ts ? now - ts : null);
                    item.Complete();
                    break;
                case Verdict.Retry or Verdict.Pause when ++item.Attempts < options.MaxItemAttempts:
                    retry.Add(item);
                    break;
                case Verdict.Retry or Verdict.Pause:
                    await DeadLetterAsync(item, result, $"gave up after {item.Attempts} attempts; last answer {result.Status} {result.ErrorType}: {result.Reason}", now, cancellationToken);
                    break;
                default:
                    item.Attempts++;
                    await DeadLetterAsync(item, result, $"Elasticsearch rejected the document: {result.Status} {result.ErrorType}: {result.Reason}", now, cancellationToken);
                    break;
            }
        }

        metrics.RecordIndexed(indexed);
        return retry;
    }

    private async Task SplitAsync(Stack<List<WorkItem>> work, List<WorkItem> part, Answer answer, CancellationToken cancellationToken)
    {
        if (part.Count == 1)
        {
            var result = new SinkItemResult(answer.Status, answer.ErrorType, answer.Reason);
            var why = answer.Status == 413
                ? $"the document alone is too large for one bulk request: {answer.Describe()}"
                : $"Elasticsearch refused every request holding this document: {answer.Describe()}";
            part[0].Attempts++;
            await DeadLetterAsync(part[0], result, why, time.GetUtcNow(), cancellationToken);
            return;
        }

        logger.LogInformation("Bulk request of {Count} answered {Reason}; splitting it in two", part.Count, answer.Describe());
        var half = part.Count / 2;
        work.Push(part.GetRange(half, part.Count - half));
        work.Push(part.GetRange(0, half));
    }

    private ValueTask DeadLetterAsync(WorkItem item, SinkItemResult result, string message, DateTimeOffset now, CancellationToken cancellationToken) =>
        deadLetters.SendAsync(item, item.ToFailed(DeadLetterStage.index, result.ErrorType ?? "http_" + result.Status, message, now, result.Status, result.Reason), cancellationToken);
}
