using System.Diagnostics;
using Etl.Scheduler.Jobs;
using Etl.Scheduler.Tests.Jobs;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Postgres;

namespace Etl.Scheduler.Tests.Clustering;

/// <summary>Several real <c>etl-scheduler run</c> processes on one PostgreSQL database, as a deployment runs them.</summary>
public sealed class SchedulerProcessTests : IAsyncLifetime
{
    /// <summary>Schedules that never come due during a test, for the jobs a test does not look at.</summary>
    private const string Never = "0 0 1 1 *";

    private PostgresServer? _postgres;

    public async Task InitializeAsync() => _postgres = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_servers_started_together_on_an_empty_database_run_every_fire_exactly_once()
    {
        var database = await _postgres!.CreateDatabaseAsync("once");
        await using var stub = await ElasticsearchStub.StartAsync();
        for (var i = 0; i < 100; i++)
        {
            stub.Enqueue("POST", "/tweets/_search", 200, SearchResponses.Composite("composite", [], null));
        }

        const int period = 3;
        var schedules = Schedules(minuteRollup: $"*/{period} * * * * *");
        // Both start at once on an empty database: they race to create the schema, as two replicas of a new deployment do.
        await using var a = SchedulerProcess.Start("once-a", database, stub.Url, schedules);
        await using var b = SchedulerProcess.Start("once-b", database, stub.Url, schedules);
        await a.WaitReadyAsync(servers: 2);
        await b.WaitReadyAsync(servers: 2);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<RecurringRun> runs;
        while ((runs = await HangfireTables.RunsAsync(database, JobNames.MinuteRollup)).Count(r => r.State == "Succeeded") < 5)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Fewer than 5 fires within 60 s: {string.Join("; ", runs)}\n{a.Output}\n{b.Output}");
            await Task.Delay(250);
        }

        a.Kill();
        b.Kill();
        runs = [.. (await HangfireTables.RunsAsync(database, JobNames.MinuteRollup)).Where(r => r.State == "Succeeded")];
        // Hangfire stamps a job with the time the recurring scheduler created it, up to a polling interval (0.5 s) after
        // its fire: rounded down to the period, that is the fire the job is for.
        var fires = runs.Select(r => r.ScheduledUnixSeconds!.Value - (r.ScheduledUnixSeconds!.Value % period)).Order().ToList();
        var detail = string.Join("; ", runs);
        Assert.True(fires.Distinct().Count() == fires.Count, "A fire ran as two jobs: " + detail);
        // Consecutive: no fire between the first and the last was skipped.
        Assert.True(fires[^1] - fires[0] == period * (fires.Count - 1), "A fire was skipped: " + detail);
        Assert.All(runs, r => Assert.Equal(1, r.Processed));
        // Each job ran its search once: no fire was executed twice, not even by both servers.
        Assert.True(stub.RequestsTo("POST", "/tweets/_search").Count >= runs.Count);
        Assert.True(stub.RequestsTo("POST", "/tweets/_search").Count <= runs.Count + 2, $"{stub.RequestsTo("POST", "/tweets/_search").Count} searches for {runs.Count} succeeded fires.");
    }

    [Fact]
    public async Task A_job_on_a_killed_server_is_taken_over_and_completed_by_the_other()
    {
        var database = await _postgres!.CreateDatabaseAsync("kill");
        await using var stub = await ElasticsearchStub.StartAsync();
        stub.Enqueue("GET", "/tweets-*", 200, "{}");
        stub.Enqueue("GET", "/tweets-*", 200, "{}");
        // Each request is answered after 6 s: long enough to kill the server mid-job.
        stub.ResponseDelay = TimeSpan.FromSeconds(6);
        var schedules = Schedules(minuteRollup: Never);
        await using var a = SchedulerProcess.Start("kill-a", database, stub.Url, schedules);
        await using var b = SchedulerProcess.Start("kill-b", database, stub.Url, schedules);
        await a.WaitReadyAsync(servers: 2);
        await b.WaitReadyAsync(servers: 2);
        using (var dashboard = a.Dashboard())
        {
            using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("jobs[]", JobNames.Retention)]);
            using var triggered = await dashboard.PostAsync("/hangfire/recurring/trigger", form);
            Assert.True(triggered.IsSuccessStatusCode, $"Trigger answered {(int)triggered.StatusCode}.");
        }

        // Whichever server's worker fetched the job is killed while the job waits for Elasticsearch.
        List<RecurringRun> started = [];
        await WaitAsync(
            async () => (started = await HangfireTables.RunsAsync(database, JobNames.Retention)).Any(r => r.Processed == 1),
            TimeSpan.FromSeconds(20),
            () => "No server started the retention job: " + string.Join("; ", started));
        await WaitAsync(() => stub.RequestsTo("GET", "/tweets-*").Count >= 1, TimeSpan.FromSeconds(20), "The job never reached Elasticsearch");
        var (victim, survivor) = started[0].Servers.Contains("kill-a", StringComparison.OrdinalIgnoreCase) ? (a, b) : (b, a);
        var killed = Stopwatch.StartNew();
        victim.Kill();

        List<RecurringRun> runs = [];
        await WaitAsync(
            async () => (runs = await HangfireTables.RunsAsync(database, JobNames.Retention)).Any(r => r.State == "Succeeded"),
            TimeSpan.FromSeconds(90),
            () => $"The job was not completed after the kill: {string.Join("; ", runs)}\n{survivor.Output}");
        killed.Stop();

        var run = Assert.Single(runs);
        Assert.Equal(2, run.Processed);
        var starts = run.Servers.Split(" | ");
        Assert.Contains(victim.Name, starts[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains(survivor.Name, starts[1], StringComparison.OrdinalIgnoreCase);
        // InvisibilityTimeout 5 s, the dead server's lock cleared after 10 s, the 6 s answer: far from the 30-minute default.
        Assert.True(killed.Elapsed < TimeSpan.FromSeconds(60), $"Recovery took {killed.Elapsed}.");
        await File.AppendAllTextAsync(Path.Combine(AppContext.BaseDirectory, "recovery-times.txt"), $"{DateTime.UtcNow:O} kill to completion {killed.Elapsed.TotalSeconds:F1} s\n");
    }

    private static Dictionary<string, string> Schedules(string minuteRollup) => new()
    {
        ["Scheduler__MinuteRollupCron"] = minuteRollup,
        ["Scheduler__HourRollupCron"] = Never,
        ["Scheduler__DayRollupCron"] = Never,
        ["Scheduler__TrendCron"] = Never,
        ["Scheduler__RetentionCron"] = Never,
    };

    private static Task WaitAsync(Func<bool> condition, TimeSpan timeout, string failure) =>
        WaitAsync(() => Task.FromResult(condition()), timeout, () => failure);

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure());
            await Task.Delay(250);
        }
    }
}
