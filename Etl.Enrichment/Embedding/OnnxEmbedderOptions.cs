namespace Etl.Enrichment.Embedding;

/// <summary>How the in-process all-MiniLM-L6-v2 embedder runs. Keys live under <c>Embedding:Onnx</c>.</summary>
public sealed class OnnxEmbedderOptions
{
    /// <summary>
    /// Model runs in flight at once, each on its own thread. 0 means one per core: on this kind of CPU one intra-op
    /// thread per run with as many concurrent runs as cores beat one run using every core.
    /// </summary>
    public int Parallelism { get; set; }

    /// <summary>Threads one model run may use. 1 pairs with <see cref="Parallelism"/> = cores.</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>
    /// Texts per model run. Texts are sorted by token length and padded only to the longest in their run, so a run
    /// of similar lengths wastes little; larger runs did not pay on 2 cores (see EmbeddingBenchmark).
    /// </summary>
    public int MaxBatchSize { get; set; } = 8;

    /// <summary>Tokens kept per text, [CLS] and [SEP] included; the model was trained on up to 128 word pieces.</summary>
    public int MaxTokens { get; set; } = 128;

    /// <summary>Distinct normalised texts whose vectors are kept, so retweets and copies are embedded once (≈ 1.6 KiB each).</summary>
    public int CacheSize { get; set; } = 50_000;

    public int EffectiveParallelism => Parallelism > 0 ? Parallelism : Environment.ProcessorCount;
}
