using System.ComponentModel;
using Etl.Scheduler.DeadLetters;
using Etl.Scheduler.Hosting;
using Hangfire;

namespace Etl.Scheduler.Jobs;

/// <summary>
/// DLQ re-drive, on demand ("Trigger now" on the dashboard's Recurring Jobs) or on <c>Scheduler:RedriveCron</c>.
/// Not retried automatically: a run that failed committed nothing, and re-driving is an operator's decision.
/// </summary>
public sealed class DeadLetterRedriveJob(DeadLetterRedriver redriver)
{
    [DisplayName("DLQ re-drive")]
    [DisableConcurrentExecution("etl:dlq-redrive", SchedulerOptions.JobLockWaitSeconds)]
    [AutomaticRetry(Attempts = 0)]
    public Task<JobFigures> RunAsync(CancellationToken cancellationToken) => redriver.RunAsync(cancellationToken);
}
