using Etl.Enrichment.Embedding;
using Etl.Worker.Indexing;

namespace Etl.Worker.Demo;

/// <summary>
/// Keeps the text and vector of up to <paramref name="capacity"/> acknowledged documents as they pass to the sink, so
/// the demo can show a semantic search over what it indexed: the query embedded with the same embedder, nearest by
/// cosine (the vectors are unit length).
/// </summary>
public sealed class SemanticProbe(IDocumentSink inner, int capacity = 20_000) : IDocumentSink
{
    private readonly Lock gate = new();
    private readonly List<(string Text, float[] Vector)> documents = [];

    public async Task<IReadOnlyList<SinkItemResult>> WriteAsync(IReadOnlyList<IndexAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var results = await inner.WriteAsync(actions, cancellationToken);
        lock (gate)
        {
            for (var i = 0; i < actions.Count && documents.Count < capacity; i++)
            {
                if (results[i].IsSuccess && actions[i].Document is { Embedding: { } vector } document)
                {
                    documents.Add((document.Text, vector));
                }
            }
        }

        return results;
    }

    /// <summary>The <paramref name="k"/> distinct texts nearest to <paramref name="query"/>, with their cosine.</summary>
    public async Task<IReadOnlyList<(string Text, double Similarity)>> NearestAsync(IEmbedder embedder, string query, int k, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var target = (await embedder.EmbedAsync([query], cancellationToken))[0];
        lock (gate)
        {
            return [.. documents
                .Select(d => (d.Text, Similarity: Dot(d.Vector, target)))
                .OrderByDescending(d => d.Similarity)
                .DistinctBy(d => EmbeddingText.Normalize(d.Text))
                .Take(k)];
        }
    }

    private static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
