namespace Etl.Worker.Tests.Hosting;

/// <summary>
/// In-process <c>run</c> hosts take turns: each host's metrics use the worker's meter name, and the OpenTelemetry SDK
/// collects every meter of that name in the process, so two hosts at once would count each other's tweets.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WorkerHostCollection
{
    public const string Name = "worker host";
}
