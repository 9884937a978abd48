namespace Etl.Enrichment.Sentiment;

/// <summary>How <see cref="SentimentTrainer"/> trains; the defaults are the configuration chosen by cross-validation.</summary>
public sealed record SentimentTrainingOptions
{
    /// <summary>Seeds ML.NET; with one thread the same data and seed give the same model.</summary>
    public int Seed { get; init; } = 20130601;

    public SentimentTrainerKind Trainer { get; init; } = SentimentTrainerKind.OvaLogisticRegression;

    /// <summary>L2 penalty (ML.NET's scale: the loss is summed over the weighted examples).</summary>
    public float L2 { get; init; } = 64f;

    /// <summary>L1 penalty for the L-BFGS trainers; it also keeps the committed model small by zeroing weights.</summary>
    public float L1 { get; init; } = 1f;

    /// <summary>Iteration cap (L-BFGS iterations, SDCA epochs, SVM passes).</summary>
    public int Iterations { get; init; } = 30;

    /// <summary>Weight of each emoticon-labelled Sentiment140 tweet relative to a human label (0: they only build the lexicon).</summary>
    public float WeakLabelWeight { get; init; }

    /// <summary>Weight classes by N/(3·count): the SemEval measure is macro-averaged recall, and neutral dominates the data.</summary>
    public bool BalanceClasses { get; init; } = true;

    public SentimentFeatureOptions Features { get; init; } = SentimentFeatureOptions.Default;

    /// <summary>log2 of the lexicon's hash buckets.</summary>
    public int LexiconBits { get; init; } = 18;

    public string ModelName { get; init; } = SentimentModel.DefaultName;
}
