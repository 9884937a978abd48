namespace Etl.Worker.Pipeline;

/// <summary>
/// Turns one raw Kafka record into a document (decode + enrich) or a failure. Called from several threads at once.
/// </summary>
public interface IRecordProcessor
{
    RecordOutcome Process(byte[]? key, byte[]? value, DateTimeOffset ingestedAt);
}
