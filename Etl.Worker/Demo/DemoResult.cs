namespace Etl.Worker.Demo;

/// <summary>What the demo did, for its summary and its tests.</summary>
public sealed record DemoResult(
    int Produced,
    int Indexed,
    long DeadLettered,
    TimeSpan Elapsed,
    string Sink,
    IReadOnlyDictionary<string, int> Sentiment,
    IReadOnlyDictionary<string, int> TopHashtags,
    IReadOnlyDictionary<string, int> TopCountries,
    IReadOnlyList<string> OutputFiles)
{
    public double Rate => Elapsed.TotalSeconds > 0 ? Indexed / Elapsed.TotalSeconds : 0;
}
