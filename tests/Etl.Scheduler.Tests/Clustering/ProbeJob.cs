using System.Collections.Concurrent;
using Quartz;

namespace Etl.Scheduler.Tests.Clustering;

/// <summary>
/// Records every execution (which node, which scheduled fire, whether recovering). On a node listed in
/// <see cref="BlockOn"/> it blocks until cancelled, standing in for a long job on a node that dies.
/// </summary>
public sealed class ProbeJob : IJob
{
    public static readonly ConcurrentQueue<(string Instance, DateTimeOffset Scheduled, bool Recovering, string Job)> Executions = new();

    public static readonly ConcurrentDictionary<string, bool> BlockOn = new();

    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Started = new();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var instance = context.Scheduler.SchedulerInstanceId;
        Executions.Enqueue((instance, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, context.Recovering, context.JobDetail.Key.Name));
        Started.GetOrAdd(context.JobDetail.Key.Name + "@" + instance, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (BlockOn.ContainsKey(instance))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        else
        {
            await Task.Delay(200, cancellationToken);
        }
    }
}
