using Etl.Enrichment.Embedding;

namespace Etl.Enrichment.Tests.Embedding;

/// <summary>Loads all-MiniLM-L6-v2 once for every test class that needs it (≈ 1 s, ≈ 290 MiB).</summary>
public sealed class OnnxEmbedderFixture : IDisposable
{
    public OnnxEmbedder Embedder { get; } = OnnxEmbedder.Load();

    public void Dispose() => Embedder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class OnnxEmbedderCollection : ICollectionFixture<OnnxEmbedderFixture>
{
    public const string Name = "onnx embedder";
}
