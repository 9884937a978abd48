namespace Etl.Enrichment.Embedding;

/// <summary>
/// Turns texts into L2-normalised dense vectors of <see cref="Dimensions"/> floats for kNN search and trend clustering.
/// The extension point between the built-in <see cref="HashingEmbedder"/> and a model server (<see cref="HttpEmbedder"/>).
/// </summary>
public interface IEmbedder
{
    /// <summary>Recorded in documents (<c>pipeline.embedder</c>) so vectors from different embedders are never compared.</summary>
    string Name { get; }

    int Dimensions { get; }

    /// <summary>One vector per text, in order.</summary>
    Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
