using Microsoft.ML.Data;

namespace Etl.Enrichment.Sentiment;

/// <summary>ML.NET's output row: one probability per class, in key order (negative, neutral, positive).</summary>
public sealed class SentimentScores
{
    [ColumnName("Score")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819", Justification = "ML.NET fills the row by reusing this array.")]
    public float[] Score { get; set; } = [];
}
