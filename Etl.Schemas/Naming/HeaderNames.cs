namespace Etl.Schemas.Naming;

/// <summary>Kafka record headers the worker and the scheduler agree on.</summary>
public static class HeaderNames
{
    /// <summary>On a dead letter: the stage that failed ("index", "deserialize", ...).</summary>
    public const string Stage = "etl-stage";

    /// <summary>On a re-driven record: "partition:offset" of the dead letter it came from.</summary>
    public const string RedrivenFrom = "etl-redriven-from";

    /// <summary>On a re-driven record, and on its dead letter if it fails again: how many times it was re-driven.</summary>
    public const string RedriveCount = "etl-redrive-count";
}
