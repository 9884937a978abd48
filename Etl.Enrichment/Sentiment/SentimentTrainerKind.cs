namespace Etl.Enrichment.Sentiment;

/// <summary>The ML.NET trainers compared by cross-validation (<c>etl-worker train-sentiment --cross-validate</c>).</summary>
public enum SentimentTrainerKind
{
    /// <summary>One-versus-all over L-BFGS binary logistic regressions, per-class probabilities normalised to sum to 1.</summary>
    OvaLogisticRegression,

    /// <summary>Multinomial logistic regression (softmax) by L-BFGS.</summary>
    LbfgsMaximumEntropy,

    /// <summary>Multinomial logistic regression by stochastic dual coordinate ascent.</summary>
    SdcaMaximumEntropy,

    /// <summary>One-versus-all over linear SVMs (Pegasos), Platt-calibrated by the one-versus-all trainer.</summary>
    OvaLinearSvm,
}
