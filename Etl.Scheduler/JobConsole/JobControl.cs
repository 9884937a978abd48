using Etl.Scheduler.Jobs;
using Etl.Scheduler.Storage;
using Quartz;

namespace Etl.Scheduler.JobConsole;

/// <summary>Reads job, trigger and node state for the console and API, and runs, pauses and resumes jobs.</summary>
public sealed class JobControl(ISchedulerFactory schedulers, JobRunStore runs)
{
    public async Task<IReadOnlyList<JobStatus>> JobsAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobs = await scheduler.QueryJobs(new JobQuery(), cancellationToken);
        var triggers = await scheduler.QueryTriggers(new TriggerQuery(), cancellationToken);
        var recent = await runs.RecentAsync(500, cancellationToken: cancellationToken);
        var result = new List<JobStatus>();
        foreach (var job in jobs.Items.OrderBy(j => j.Key.Group, StringComparer.Ordinal).ThenBy(j => j.Key.Name, StringComparer.Ordinal))
        {
            var ofJob = new List<TriggerStatus>();
            foreach (var trigger in triggers.Items.Where(t => t.JobKey.Equals(job.Key)))
            {
                var detail = await scheduler.GetTrigger(trigger.Key, cancellationToken);
                var schedule = detail switch
                {
                    ICronTrigger cron => cron.CronExpressionString,
                    ISimpleTrigger simple => "every " + simple.RepeatInterval,
                    _ => null,
                };
                ofJob.Add(new TriggerStatus(trigger.Key.Name, trigger.State.ToString(), schedule, trigger.NextFireTimeUtc, trigger.PreviousFireTimeUtc));
            }

            result.Add(new JobStatus(job.Key.Name, job.Key.Group, job.Description, job.RequestsRecovery, ofJob,
                recent.FirstOrDefault(r => r.JobName == job.Key.Name)));
        }

        return result;
    }

    public Task<IReadOnlyList<JobRun>> RunsAsync(int limit, string? job, bool failedOnly, CancellationToken cancellationToken) =>
        runs.RecentAsync(Math.Clamp(limit, 1, 500), job, failedOnly ? JobRun.Failed : null, cancellationToken);

    public async Task<IReadOnlyList<ClusterNodeStatus>> NodesAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var nodes = await scheduler.QueryClusterNodes(cancellationToken);
        return [.. nodes.Select(n => new ClusterNodeStatus(n.InstanceId, n.State.ToString(), n.LastCheckInUtc, n.CheckInInterval, n.IsCurrentNode))];
    }

    /// <returns>False when there is no such job.</returns>
    public async Task<bool> RunNowAsync(string job, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = new JobKey(job, JobNames.Group);
        if (!await scheduler.Exists(key, cancellationToken))
        {
            return false;
        }

        await scheduler.TriggerJob(key, new JobDataMap(), cancellationToken);
        return true;
    }

    public async Task<bool> PauseAsync(string job, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return await scheduler.PauseJob(new JobKey(job, JobNames.Group), cancellationToken);
    }

    public async Task<bool> ResumeAsync(string job, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return await scheduler.ResumeJob(new JobKey(job, JobNames.Group), cancellationToken);
    }
}
