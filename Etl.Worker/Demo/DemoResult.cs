namespace Etl.Worker.Demo;

/// <summary>What the demo did, for its summary and its tests. <see cref="Elapsed"/> includes start-up and the group join.</summary>
public sealed record DemoResult(
    int Produced,
    int Indexed,
    long DeadLettered,
    TimeSpan Elapsed,
    TimeSpan Processing,
    string Sink,
    IReadOnlyDictionary<string, int> Sentiment,
    IReadOnlyDictionary<string, int> TopHashtags,
    IReadOnlyDictionary<string, int> TopCountries,
    IReadOnlyList<string> OutputFiles,
    string Embedder,
    TimeSpan EmbedderLoad,
    string SemanticQuery,
    IReadOnlyList<(string Text, double Similarity)> SemanticHits)
{
    /// <summary>Tweets indexed per second from the first record consumed (after the consumer group formed) to the end.</summary>
    public double Rate => Processing.TotalSeconds > 0 ? Indexed / Processing.TotalSeconds : 0;
}
