namespace Etl.Worker.Pipeline;

/// <summary>
/// Turns one raw Kafka record into a document (decode + enrich) or a failure. Called from several threads at once,
/// and for several records of one lane at once (the lane keeps their order): an implementation must be thread-safe.
/// </summary>
public interface IRecordProcessor
{
    /// <summary>Decodes and enriches the record read from <paramref name="topic"/>; never throws for a bad record.</summary>
    ValueTask<RecordOutcome> ProcessAsync(string topic, byte[]? key, byte[]? value, DateTimeOffset ingestedAt);
}
