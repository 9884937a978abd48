using Etl.Kafka.Configuration;

namespace Etl.Scheduler.DeadLetters;

/// <summary>
/// Where DLQ re-drive reads and writes, and how often one record may go round. Bound from the <c>Kafka</c> section
/// the worker also reads — the connection and security keys (<see cref="KafkaConnectionOptions"/>) are the worker's
/// own, so re-drive reaches the brokers exactly as the worker does — and keys only the worker uses are not rejected.
/// </summary>
public sealed class RedriveOptions : KafkaConnectionOptions
{
    public const string SectionName = "Kafka";

    /// <summary>Consumer group of re-drive; its committed offset marks how far the DLQ has been re-driven.</summary>
    public string RedriveGroupId { get; set; } = "etl-scheduler-redrive";

    /// <summary>How long a read waits for more dead letters before the run counts the topic as drained.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public string DeadLetterTopic { get; set; } = Etl.Schemas.Naming.TopicNames.DeadLetter;

    public string RawTopic { get; set; } = Etl.Schemas.Naming.TopicNames.Raw;

    /// <summary>
    /// How many times one record is sent back to <see cref="RawTopic"/> at most (counted in its
    /// <c>etl-redrive-count</c> header). A record that fails again after that stays in the DLQ and is reported as
    /// skipped, so a record that can never succeed does not loop between the topics for ever.
    /// </summary>
    public int MaxRedrives { get; set; } = 3;
}
