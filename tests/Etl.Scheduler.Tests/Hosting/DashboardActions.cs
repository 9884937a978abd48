using Hangfire;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;

namespace Etl.Scheduler.Tests.Hosting;

/// <summary>What a dashboard user does (trigger a recurring job) and what they then read (the job's states), through storage.</summary>
public static class DashboardActions
{
    /// <summary>Posts the dashboard's "Trigger now" for <paramref name="recurringJobId"/>, as its Recurring Jobs page does.</summary>
    public static async Task<HttpResponseMessage> TriggerAsync(HttpClient client, string recurringJobId)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("jobs[]", recurringJobId)]);
        return await client.PostAsync("/hangfire/recurring/trigger", form);
    }

    /// <summary>The job the recurring job last created, or null.</summary>
    public static string? LastJobId(JobStorage storage, string recurringJobId)
    {
        ArgumentNullException.ThrowIfNull(storage);
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([recurringJobId]).SingleOrDefault()?.LastJobId;
    }

    /// <summary>Waits until the job's current state is one of <paramref name="states"/>; returns its details.</summary>
    public static async Task<JobDetailsDto> WaitForStateAsync(JobStorage storage, string jobId, TimeSpan timeout, params string[] states)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var details = storage.GetMonitoringApi().JobDetails(jobId);
            var current = details?.History.FirstOrDefault()?.StateName;
            if (details is not null && current is not null && states.Contains(current))
            {
                return details;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Job {jobId} did not reach {string.Join("/", states)} within {timeout}; it is {current ?? "unknown"}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Triggers and waits until the recurring job has created a new job; returns its id.</summary>
    public static async Task<string> TriggerAndGetJobAsync(HttpClient client, JobStorage storage, string recurringJobId)
    {
        var before = LastJobId(storage, recurringJobId);
        using var response = await TriggerAsync(client, recurringJobId);
        Assert.True(response.IsSuccessStatusCode, $"Trigger of {recurringJobId} answered {(int)response.StatusCode}.");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (LastJobId(storage, recurringJobId) is not { } id || id == before)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Triggering {recurringJobId} created no job.");
            await Task.Delay(100);
        }

        return LastJobId(storage, recurringJobId)!;
    }
}
