using Etl.Scheduler.Storage;
using Npgsql;
using Quartz;

namespace Etl.Scheduler.Jobs;

/// <summary>Keeps the job history: a row when a run starts, completed with outcome, error and figures when it ends.</summary>
public sealed class JobRunListener(JobRunStore store, TimeProvider clock, ILogger<JobRunListener> logger) : IJobListener
{
    public string Name => "etl-job-history";

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await store.StartedAsync(new JobRun(
                context.FireInstanceId, context.JobDetail.Key.Name, context.Trigger.Key.Name, context.Scheduler.SchedulerInstanceId,
                context.ScheduledFireTimeUtc ?? context.FireTimeUtc, clock.GetUtcNow(), null, JobRun.Running, null,
                new Dictionary<string, long>(), context.Recovering), cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            // History is a record of the work, not a condition for it: a job still runs when its row cannot be written.
            logger.LogWarning(ex, "Could not record the start of job {Job} run {Run}.", context.JobDetail.Key, context.FireInstanceId);
        }
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var figures = (context.Result as JobFigures)?.Values ?? new Dictionary<string, long>();
        var error = jobException?.GetBaseException().Message;
        try
        {
            await store.FinishedAsync(context.FireInstanceId, clock.GetUtcNow(), error is null ? JobRun.Succeeded : JobRun.Failed, error, figures, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            logger.LogWarning(ex, "Could not record the end of job {Job} run {Run}.", context.JobDetail.Key, context.FireInstanceId);
        }
    }

    public ValueTask JobProgressChanged(IJobExecutionContext context, Quartz.Extensibility.FireInstanceProgress progress, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;
}
