namespace Etl.Scheduler.DeadLetters;

/// <summary>
/// Where DLQ re-drive reads and writes. Bound from the <c>Kafka</c> section the worker also reads, so keys only the
/// worker uses are expected there and not rejected.
/// </summary>
public sealed class RedriveOptions
{
    public const string SectionName = "Kafka";

    public string BootstrapServers { get; set; } = "localhost:9092";

    /// <summary>Consumer group of re-drive; its committed offset marks how far the DLQ has been re-driven.</summary>
    public string RedriveGroupId { get; set; } = "etl-scheduler-redrive";

    /// <summary>How long a read waits for more dead letters before the run counts the topic as drained.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public string DeadLetterTopic { get; set; } = Etl.Schemas.Naming.TopicNames.DeadLetter;

    public string RawTopic { get; set; } = Etl.Schemas.Naming.TopicNames.Raw;
}
