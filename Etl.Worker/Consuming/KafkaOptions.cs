using Etl.Kafka.Configuration;

namespace Etl.Worker.Consuming;

/// <summary>
/// Kafka connection settings shared by the consumer and the producers. Section <c>Kafka</c>; the keys are
/// <see cref="KafkaConnectionOptions"/>'s, the ones the scheduler's dead-letter re-drive reads too.
/// </summary>
public sealed class KafkaOptions : KafkaConnectionOptions
{
    public const string SectionName = "Kafka";
}
