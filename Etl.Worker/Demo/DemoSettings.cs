using Etl.Enrichment.Embedding;
using Etl.Worker.Generation;

namespace Etl.Worker.Demo;

/// <summary>What <c>etl-worker demo</c> runs.</summary>
public sealed record DemoSettings
{
    /// <summary>
    /// Sized so the default embedder (onnx, ~150 tweets/s on 2 cores) finishes in well under a minute on a laptop;
    /// the hashing embedder runs tens of thousands a second (<c>--embedder hashing --count 50000</c>).
    /// </summary>
    public int Count { get; init; } = DefaultCount;

    public const int DefaultCount = 3_000;

    /// <summary><c>onnx</c> (all-MiniLM-L6-v2 in process: semantic, the default) or <c>hashing</c> (the firehose mode).</summary>
    public string Embedder { get; init; } = EmbeddingOptions.OnnxProvider;

    /// <summary>A semantic search the summary runs over what was indexed; the paraphrased trend below answers it.</summary>
    public string SemanticQuery { get; init; } = "a blackout hit the area";

    public int Seed { get; init; } = 42;

    /// <summary>Undecodable records mixed in, to show them land in the dead-letter topic with their bytes.</summary>
    public int Poison { get; init; } = 5;

    /// <summary>Elasticsearch to index into; null writes bulk NDJSON files to <see cref="OutputDirectory"/> instead.</summary>
    public Uri? Elasticsearch { get; init; }

    public string OutputDirectory { get; init; } = "out";

    public IReadOnlyList<PlantedTrend> Trends { get; init; } =
    [
        PlantedTrend.Parse("solar-eclipse:40m:20m:0.25"),
        PlantedTrend.Parse("product-launch:80m:15m:0.2"),
        // Told in varied words with no hashtag: only an embedder that compares meanings ties these tweets together.
        PlantedTrend.Parse("power-outage:60m:15m:0.25:paraphrased"),
    ];

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
}
