namespace etl.tweets;

/// <summary>The Avro symbol of a <see cref="DeadLetterStage"/>, also used as metric label and index field value.</summary>
public static class DeadLetterStageSymbols
{
    /// <summary><c>deserialize</c>, <c>enrich</c>, <c>index</c> or <c>unknown</c>, as in DeadLetter.avsc.</summary>
    public static string Symbol(this DeadLetterStage stage) => stage switch
    {
        DeadLetterStage.deserialize => "deserialize",
        DeadLetterStage.enrich => "enrich",
        DeadLetterStage.index => "index",
        _ => "unknown",
    };
}
