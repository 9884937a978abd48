using System.Collections.Concurrent;

namespace Etl.Worker.Pipeline;

/// <summary>
/// What the stages report about the pipeline's dependencies and themselves. Consumption pauses while any dependency
/// is down; <c>/readyz</c> answers 503 while one is down or a stage failed.
/// </summary>
public sealed class PipelineHealth
{
    public const string Elasticsearch = "Elasticsearch";
    public const string Decoding = "Schema Registry or enrichment";
    public const string DeadLetters = "dead-letter topic";

    // Keyed by dependency and holder, so one enrich lane recovering does not clear another's outage.
    private readonly ConcurrentDictionary<(string Dependency, int Holder), string> outages = new();
    private volatile PipelineStageFailedException? failure;

    /// <summary>True while nothing is down and no stage failed: consumption may go on.</summary>
    public bool CanConsume => outages.IsEmpty && failure is null;

    public PipelineStageFailedException? Failure => failure;

    public bool IsDown(string dependency) => outages.Keys.Any(k => k.Dependency == dependency);

    public void Down(string dependency, string reason, int holder = 0) => outages[(dependency, holder)] = reason;

    public void Up(string dependency, int holder = 0) => outages.TryRemove((dependency, holder), out _);

    /// <summary>Records the first stage failure; later ones are consequences of stopping.</summary>
    public bool Fail(PipelineStageFailedException error) => Interlocked.CompareExchange(ref failure, error, null) is null;

    /// <summary>Why the pipeline is not ready, or null when it is.</summary>
    public string? Problem()
    {
        if (failure is { } failed)
        {
            return failed.Message;
        }

        var down = outages.GroupBy(o => o.Key.Dependency).Select(g => $"{g.Key} unavailable ({g.First().Value})").ToList();
        return down.Count == 0 ? null : string.Join("; ", down) + "; consumption paused";
    }
}
