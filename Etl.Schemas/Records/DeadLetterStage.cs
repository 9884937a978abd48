namespace etl.tweets;

/// <summary>
/// The pipeline stage that failed (enum <c>etl.tweets.DeadLetterStage</c>). Member names are the Avro symbols exactly,
/// in symbol order: Apache Avro's specific writer maps a member to its symbol by name.
/// </summary>
#pragma warning disable CA1707, IDE1006 // Lower-case names are the Avro symbols.
public enum DeadLetterStage
{
    deserialize,
    enrich,
    index,
    unknown,
}
#pragma warning restore CA1707, IDE1006
