namespace Etl.Enrichment.Sentiment;

public sealed record SentimentTrainingOptions
{
    /// <summary>Seeds the example shuffling; the same data and seed give a byte-identical model.</summary>
    public ulong Seed { get; init; } = 20130601;

    public int Epochs { get; init; } = 5;

    /// <summary>log2 of the hash buckets: 18 gives 262,144 buckets (1.5 MB of half floats before compression).</summary>
    public int Bits { get; init; } = 18;

    /// <summary>log2 of the lexicon buckets.</summary>
    public int LexiconBits { get; init; } = 18;

    /// <summary>AdaGrad step size. Small, because a rare feature's first AdaGrad step is a full step.</summary>
    public float LearningRate { get; init; } = 0.01f;

    /// <summary>L2 penalty applied to touched weights at each step.</summary>
    public float L2 { get; init; } = 1e-4f;

    /// <summary>Weight classes inversely to their frequency: the SemEval metric is macro-averaged recall, and neutral dominates.</summary>
    public bool BalanceClasses { get; init; } = true;

    public string ModelName { get; init; } = "semeval-logreg-v1";
}
