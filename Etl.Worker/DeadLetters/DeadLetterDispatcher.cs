using System.Threading.Channels;
using Confluent.Kafka;
using Etl.Worker.Indexing;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Polly;
using Polly.Retry;

namespace Etl.Worker.DeadLetters;

/// <summary>
/// The dead-letter stage: produces dead letters in parallel (at most <see cref="PipelineOptions.DeadLetterMaxInFlight"/>
/// at once) and marks each record done only once its dead letter is stored. Transient produce errors are retried
/// with back-off (reporting the topic unavailable while they last); a dead letter too large for the topic is replaced
/// by a truncated one that still names the key, partition, offset and reason, so the offset always advances.
/// </summary>
internal sealed class DeadLetterDispatcher
{
    private const int MessageLimit = 1_000;
    private readonly PipelineOptions options;
    private readonly IDeadLetterSink sink;
    private readonly PipelineMetrics metrics;
    private readonly PipelineHealth health;
    private readonly ILogger logger;
    private readonly Channel<(WorkItem Item, FailedRecord Record)> input;
    private readonly ResiliencePipeline retry;

    public DeadLetterDispatcher(PipelineOptions options, IDeadLetterSink sink, PipelineMetrics metrics, PipelineHealth health, TimeProvider time, ILogger logger)
    {
        this.options = options;
        this.sink = sink;
        this.metrics = metrics;
        this.health = health;
        this.logger = logger;
        input = Channel.CreateBounded<(WorkItem, FailedRecord)>(new BoundedChannelOptions(options.ChannelCapacity) { SingleReader = true });
        retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(PipelineBackoff.UntilItWorks<RetryStrategyOptions, object>(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => Classify(ex) is Verdict.Retry or Verdict.Pause),
                OnRetry = args =>
                {
                    var error = args.Outcome.Exception!;
                    if (args.AttemptNumber == 0)
                    {
                        logger.LogWarning("Dead letter not stored ({Reason}); retrying with back-off", error.Message);
                    }

                    if (args.AttemptNumber >= 2 || Classify(error) == Verdict.Pause)
                    {
                        health.Down(PipelineHealth.DeadLetters, error.Message);
                    }

                    return ValueTask.CompletedTask;
                },
            }, options))
            .Build();
    }

    /// <summary>What a failed dead-letter write means; null when no rule knows the error (the stage then fails loudly).</summary>
    public static Verdict? Classify(Exception error) => error switch
    {
        KafkaException kafka => AnswerClassifier.Classify(new Answer(AnswerSource.DeadLetterProducer, AnswerTransport.Answered, (int)kafka.Error.Code, kafka.Error.Code.ToString(), kafka.Error.Reason)),
        _ when DependencyAnswers.From(error) is { } answer => AnswerClassifier.Classify(answer),
        _ => null,
    };

    /// <summary>A dead letter small enough for any topic: no key or value bytes, the reason shortened, the loss said.</summary>
    public static FailedRecord Truncate(FailedRecord record, Exception why)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(why);
        var message = record.ErrorMessage.Length > MessageLimit ? record.ErrorMessage[..MessageLimit] + "…" : record.ErrorMessage;
        return record with
        {
            Key = record.Key is { Length: > 256 } ? null : record.Key,
            Value = null,
            ErrorMessage = $"{message} [dead letter truncated: the {record.Value?.Length ?? 0}-byte value was dropped because the dead-letter topic refused it ({why.Message}); read it from {record.Topic}[{record.Partition}]@{record.Offset}]",
            ElasticsearchReason = record.ElasticsearchReason is { Length: > MessageLimit } reason ? reason[..MessageLimit] + "…" : record.ElasticsearchReason,
        };
    }

    public ValueTask SendAsync(WorkItem item, FailedRecord record, CancellationToken cancellationToken) =>
        input.Writer.WriteAsync((item, record), cancellationToken);

    public void CompleteInput() => input.Writer.TryComplete();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var inFlight = new HashSet<Task>();
        try
        {
            await foreach (var (item, record) in input.Reader.ReadAllAsync(cancellationToken))
            {
                while (inFlight.Count >= options.DeadLetterMaxInFlight)
                {
                    var done = await Task.WhenAny(inFlight);
                    inFlight.Remove(done);
                    await done;
                }

                inFlight.Add(DeliverAsync(item, record, cancellationToken));
            }

            await Task.WhenAll(inFlight);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(WorkItem item, FailedRecord record, CancellationToken cancellationToken)
    {
        if (item.IsAbandoned)
        {
            return;
        }

        try
        {
            await retry.ExecuteAsync(static (state, ct) => new ValueTask(state.sink.SendAsync(state.record, ct)), (sink, record), cancellationToken);
        }
        catch (Exception ex) when (Classify(ex) == Verdict.Truncate)
        {
            logger.LogWarning("Dead letter for {Topic}[{Partition}]@{Offset} refused as too large ({Reason}); storing a truncated one", record.Topic, record.Partition, record.Offset, ex.Message);
            var truncated = Truncate(record, ex);
            await retry.ExecuteAsync(static (state, ct) => new ValueTask(state.sink.SendAsync(state.truncated, ct)), (sink, truncated), cancellationToken);
        }

        health.Up(PipelineHealth.DeadLetters);
        metrics.RecordDeadLettered(record.Stage, record.ErrorType);
        item.Complete();
    }
}
