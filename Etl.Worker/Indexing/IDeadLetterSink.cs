using Etl.Worker.Pipeline;

namespace Etl.Worker.Indexing;

/// <summary>Where failed records go; completes only when the record is durably stored (Kafka acknowledged it).</summary>
public interface IDeadLetterSink
{
    Task SendAsync(FailedRecord record, CancellationToken cancellationToken);
}
