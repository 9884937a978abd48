using Etl.Scheduler.DeadLetters;
using Quartz;

namespace Etl.Scheduler.Jobs;

/// <summary>DLQ re-drive, on demand (run from the console or <c>POST /api/jobs/dlq-redrive/run</c>).</summary>
[DisallowConcurrentExecution]
public sealed class DeadLetterRedriveJob(DeadLetterRedriver redriver) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Result = await redriver.RunAsync(cancellationToken);
    }
}
