namespace Etl.Scheduler.Tests.Clustering;
/// <param name="JobId">Hangfire's job id.</param>
/// <param name="State">Its current state (Succeeded, Processing, Failed...).</param>

/// <param name="ScheduledUnixSeconds">The fire the recurring scheduler created the job for (Hangfire's <c>Time</c> parameter).</param>
/// <param name="Processed">How many times a worker started it.</param>
/// <param name="Servers">The Processing states' data, naming the server of each start.</param>
public sealed record RecurringRun(long JobId, string State, long? ScheduledUnixSeconds, long Processed, string Servers);
