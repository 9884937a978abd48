using Microsoft.ML.Data;

namespace Etl.Enrichment.Sentiment;

/// <summary>
/// One example as ML.NET sees it: the featurizer's sparse vector, the class as a 3-valued key and the example weight.
/// Prediction reads only <see cref="Features"/>.
/// </summary>
public sealed class SentimentRow
{
    public VBuffer<float> Features { get; set; }

    /// <summary>
    /// The <see cref="SentimentClass"/> as a 0-based key index. Trap: when ML.NET loads a C# <c>uint</c> into a key column
    /// it adds 1 (a stored key 0 means "missing"), so writing 1..3 here silently turned positive into a missing label.
    /// </summary>
    public uint Label { get; set; }

    public float Weight { get; set; } = 1f;

    public static uint KeyOf(SentimentClass label) => (uint)label;
}
