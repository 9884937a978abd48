namespace Etl.Schemas.Naming;

/// <summary>Kafka topic names, in one place.</summary>
public static class TopicNames
{
    /// <summary>Raw tweets, Avro <c>Tweet</c> values in Confluent wire format, key = tweet id.</summary>
    public const string Raw = "tweets.raw";

    /// <summary>Dead letters, Avro <c>DeadLetter</c> values.</summary>
    public const string DeadLetter = "tweets.dlq";
}
