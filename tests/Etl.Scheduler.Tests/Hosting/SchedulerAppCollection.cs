namespace Etl.Scheduler.Tests.Hosting;

/// <summary>
/// Tests of the in-process host share one app: Hangfire keeps part of its configuration in static state, so two hosts
/// configured at once in one process could pick up each other's storage.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SchedulerAppCollection : ICollectionFixture<SchedulerAppFixture>
{
    public const string Name = "scheduler app";
}
