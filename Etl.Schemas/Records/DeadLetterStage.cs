namespace Etl.Schemas.Records;

/// <summary>The pipeline stage that failed (enum <c>etl.tweets.DeadLetterStage</c>; member order = symbol order).</summary>
public enum DeadLetterStage
{
    Deserialize,
    Enrich,
    Index,
    Unknown,
}
