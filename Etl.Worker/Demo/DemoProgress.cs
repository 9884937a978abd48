namespace Etl.Worker.Demo;

/// <summary>A snapshot of the demo while it runs.</summary>
public readonly record struct DemoProgress(int Target, long Produced, long Consumed, long Indexed, long DeadLettered, long Retried, bool Paused, TimeSpan Elapsed);
