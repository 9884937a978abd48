using Etl.Enrichment.Embedding;
using Etl.Worker.Indexing;

namespace Etl.Worker.Pipeline;

/// <summary>
/// Turns what decoding and enrichment throw into an <see cref="Answer"/> for <see cref="AnswerClassifier"/>, so a
/// registry or embedding server that is down pauses the pipeline instead of dead-lettering the tweets it could not serve.
/// </summary>
public static class DependencyAnswers
{
    /// <summary>The answer behind <paramref name="error"/>, or null when it is not about a dependency (a bug, bad data).</summary>
    public static Answer? From(Exception error) => error switch
    {
        // Registry answers are classified where values are decoded (Etl.Kafka.Registry.AvroDecodeFailure).
        Confluent.SchemaRegistry.SchemaRegistryException e => new Answer(AnswerSource.SchemaRegistry, AnswerTransport.Answered, (int)e.Status, null, e.Message),
        EmbeddingServerException { IsTransient: true } e => new Answer(AnswerSource.Enricher, AnswerTransport.Answered, 503, null, e.Message),
        HttpRequestException e => new Answer(AnswerSource.Enricher, AnswerTransport.Unreachable, (int?)e.StatusCode, null, e.Message),
        TimeoutException or TaskCanceledException => new Answer(AnswerSource.Enricher, AnswerTransport.TimedOut, Reason: error.Message),
        AggregateException { InnerExceptions.Count: 1 } e => From(e.InnerExceptions[0]),
        _ => null,
    };

    /// <summary>True when the record is not at fault and should wait for the dependency rather than be dead-lettered.</summary>
    public static bool IsTransient(Exception error) =>
        From(error) is { } answer && AnswerClassifier.Classify(answer) is Verdict.Retry or Verdict.Pause;
}
