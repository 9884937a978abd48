using BenchmarkDotNet.Attributes;
using Etl.Enrichment.Embedding;
using Etl.Worker.Pipeline;

namespace Etl.Benchmarks.Embedding;

/// <summary>
/// Which <see cref="OnnxEmbedderOptions.MaxBatchSize"/> (texts per model run) gives the most tweets/s on this CPU, with
/// the default session (one intra-op thread per run, one run per core) and the embed stage's calls. A run pads every
/// text to the longest of its run, so bigger runs trade padding for fewer calls. Judged as each size's rate against
/// MaxBatchSize = 1 in the same run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class EmbeddingBatchSizeBenchmark
{
    private const int Tweets = EmbeddingBenchmarkTexts.Count;
    private readonly PipelineOptions pipeline = new();
    private OnnxEmbedder embedder = null!;
    private string[] texts = [];

    [Params(1, 2, 4, 8, 16, 32)]
    public int MaxBatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        embedder = OnnxEmbedder.Load(new OnnxEmbedderOptions { MaxBatchSize = MaxBatchSize });
        texts = EmbeddingBenchmarkTexts.Distinct(seed: 8);
    }

    [GlobalCleanup]
    public void Cleanup() => embedder.Dispose();

    [IterationSetup]
    public void ColdCache() => embedder.Cache.Clear();

    [Benchmark(OperationsPerInvoke = Tweets)]
    public async Task EmbedDistinctTweets()
    {
        var inFlight = new Queue<Task<IReadOnlyList<float[]>>>();
        foreach (var batch in texts.Chunk(pipeline.EmbedBatchSize))
        {
            if (inFlight.Count == pipeline.EmbedParallelism)
            {
                await inFlight.Dequeue();
            }

            inFlight.Enqueue(embedder.EmbedAsync(batch));
        }

        await Task.WhenAll(inFlight);
    }
}
