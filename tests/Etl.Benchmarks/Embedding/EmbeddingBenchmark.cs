using BenchmarkDotNet.Attributes;
using Etl.Enrichment.Embedding;
using Etl.Worker.Pipeline;
using Microsoft.ML.OnnxRuntime;

namespace Etl.Benchmarks.Embedding;

/// <summary>
/// The <c>onnx</c> embedder (all-MiniLM-L6-v2) as the worker's embed stage calls it — batches of
/// <see cref="PipelineOptions.EmbedBatchSize"/> texts, <see cref="PipelineOptions.EmbedParallelism"/> in flight — against
/// ONNX Runtime alone running padded model batches of the same texts with the same session options and parallelism
/// (the ceiling: no tokenizing, pooling, cache or scheduling): each stage batch sorted by token length and cut into runs of
/// <see cref="OnnxEmbedderOptions.MaxBatchSize"/>. (The embedder fills its runs from a pool shared by the calls in flight,
/// so its runs differ from these by timing: 1–2% more token positions on these texts, see OnnxEmbedderTests.) Then the
/// same stream with half of it retweets, and the hashing embedder on the same texts. One operation = one tweet
/// (<see cref="EmbeddingBenchmarkTexts.Count"/> per invocation). Eight iterations: four left the retweet ratio inside the
/// noise (±0.5 ms on 1.9 ms).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 8, invocationCount: 1)]
public class EmbeddingBenchmark
{
    private const int Tweets = EmbeddingBenchmarkTexts.Count;
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];
    private readonly PipelineOptions pipeline = new();
    private OnnxEmbedder embedder = null!;
    private InferenceSession raw = null!;
    private string[] distinct = [];
    private string[] halfRetweets = [];
    private (long[] Ids, long[] Mask, long[] Types, int Rows, int Length)[] batches = [];

    [GlobalSetup]
    public void Setup()
    {
        embedder = OnnxEmbedder.Load();
        raw = new InferenceSession(OnnxEmbedder.ReadModel(), OnnxEmbedder.CreateSessionOptions(embedder.Options));
        distinct = EmbeddingBenchmarkTexts.Distinct();
        halfRetweets = EmbeddingBenchmarkTexts.HalfRetweets();

        // The model runs the embedder makes for `distinct`: each stage batch sorted by token length and cut into runs
        // of MaxBatchSize, each padded to its longest member.
        batches = [.. distinct.Chunk(pipeline.EmbedBatchSize).SelectMany(stageBatch =>
            stageBatch.Select(t => embedder.Tokenize(EmbeddingText.Normalize(t))).OrderBy(t => t.Length).Chunk(embedder.Options.MaxBatchSize))
            .Select(run =>
            {
                var (ids, mask, types, length) = OnnxEmbedder.Pad(run);
                return (ids, mask, types, run.Length, length);
            })];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        embedder.Dispose();
        raw.Dispose();
    }

    [IterationSetup]
    public void ColdCache() => embedder.Cache.Clear();

    [Benchmark(Baseline = true, OperationsPerInvoke = Tweets, Description = "ONNX Runtime alone, per-batch runs")]
    public void RawOnnxRuntime() =>
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = embedder.Options.EffectiveParallelism }, batch =>
        {
            var shape = new long[] { batch.Rows, batch.Length };
            using var ids = OrtValue.CreateTensorValueFromMemory(batch.Ids, shape);
            using var mask = OrtValue.CreateTensorValueFromMemory(batch.Mask, shape);
            using var types = OrtValue.CreateTensorValueFromMemory(batch.Types, shape);
            using var options = new RunOptions();
            using var outputs = raw.Run(options, InputNames, [ids, mask, types], OutputNames);
        });

    [Benchmark(OperationsPerInvoke = Tweets, Description = "onnx embedder, distinct tweets")]
    public Task OnnxDistinct() => EmbedLikeTheStageAsync(distinct);

    [Benchmark(OperationsPerInvoke = Tweets, Description = "onnx embedder, half retweets")]
    public Task OnnxHalfRetweets() => EmbedLikeTheStageAsync(halfRetweets);

    [Benchmark(OperationsPerInvoke = Tweets * 20, Description = "hashing embedder, distinct tweets")]
    public void Hashing()
    {
        for (var i = 0; i < 20; i++)
        {
            foreach (var text in distinct)
            {
                HashingEmbedder.Instance.Embed(text);
            }
        }
    }

    /// <summary>What EmbedStage does: batches of EmbedBatchSize in arrival order, EmbedParallelism of them in flight.</summary>
    private async Task EmbedLikeTheStageAsync(string[] texts)
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
