using Etl.Scheduler.Storage;
using Etl.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Quartz;

namespace Etl.Scheduler.Tests.Clustering;

public sealed class ClusteredSchedulerTests : IAsyncLifetime
{
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
    public async Task Schema_is_created_from_an_empty_database_and_a_second_start_changes_nothing()
    {
        var connection = await _postgres!.CreateDatabaseAsync("schema");

        var first = await SchemaMigrator.MigrateAsync(connection, NullLogger.Instance);
        var second = await SchemaMigrator.MigrateAsync(connection, NullLogger.Instance);

        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Version), first);
        Assert.Empty(second);
        await using var data = NpgsqlDataSource.Create(connection);
        await using var command = data.CreateCommand("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'qrtz%' OR table_name = 'etl_job_runs'");
        Assert.Equal(16L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Two_instances_run_each_fire_exactly_once()
    {
        var connection = await _postgres!.CreateDatabaseAsync("once");
        const string job = "probe-once";
        const int fires = 8;
        // Both nodes declare the same schedule, as every node of a deployment declares the same cron schedules.
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddSeconds(5).ToUnixTimeSeconds());
        void Jobs(IQuartzBuilder q) => q.ScheduleJob<ProbeJob>(
            trigger => trigger.WithIdentity(job + "-trigger").StartAt(start)
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMilliseconds(700)).WithRepeatCount(fires - 1)),
            detail => detail.WithIdentity(job));

        using var a = SchedulerNode.Build(connection, "once-a", Jobs);
        using var b = SchedulerNode.Build(connection, "once-b", Jobs);
        await a.StartAsync();
        await b.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Runs(job).Count < fires && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await Task.Delay(1500);
        await a.StopAsync();
        await b.StopAsync();

        var runs = Runs(job);
        Assert.True(fires == runs.Count, string.Join("; ", runs.Select(r => $"{r.Instance} {r.Scheduled:HH:mm:ss.fff}")));
        Assert.Equal(fires, runs.Select(r => r.Scheduled).Distinct().Count());
        await using var data = NpgsqlDataSource.Create(connection);
        var history = await new JobRunStore(data).RecentAsync(100, job);
        Assert.Equal(fires, history.Count);
        Assert.All(history, h => Assert.Equal(JobRun.Succeeded, h.Outcome));
    }

    [Fact]
    public async Task A_job_interrupted_by_a_dead_instance_is_recovered_by_the_other()
    {
        var admin = await _postgres!.CreateDatabaseAsync("recover");
        await SchemaMigrator.MigrateAsync(admin, NullLogger.Instance);
        // Node A logs in as its own role, so the test can cut it off from the database the way a crash or partition does.
        await using (var data = NpgsqlDataSource.Create(admin))
        {
            await using var command = data.CreateCommand(
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'node_a') THEN CREATE ROLE node_a LOGIN; END IF; END $$;" +
                "ALTER ROLE node_a LOGIN; GRANT ALL ON SCHEMA public TO node_a; GRANT ALL ON ALL TABLES IN SCHEMA public TO node_a;");
            await command.ExecuteNonQueryAsync();
        }

        var nodeA = new NpgsqlConnectionStringBuilder(admin) { Username = "node_a", Pooling = false }.ConnectionString;
        const string job = "probe-recover";
        ProbeJob.BlockOn["recover-a"] = true;
        using var a = SchedulerNode.Build(nodeA, "recover-a", q => q.ScheduleJob<ProbeJob>(
            trigger => trigger.WithIdentity(job + "-trigger").StartNow(),
            detail => detail.WithIdentity(job).RequestRecovery()));
        await a.StartAsync();
        await ProbeJob.Started.GetOrAdd(job + "@recover-a", _ => new TaskCompletionSource()).Task.WaitAsync(TimeSpan.FromSeconds(30));

        await using (var data = NpgsqlDataSource.Create(admin))
        {
            await using var command = data.CreateCommand(
                "ALTER ROLE node_a NOLOGIN; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'node_a';");
            await command.ExecuteNonQueryAsync();
        }

        using var b = SchedulerNode.Build(admin, "recover-b", _ => { });
        await b.StartAsync();
        await ProbeJob.Started.GetOrAdd(job + "@recover-b", _ => new TaskCompletionSource()).Task.WaitAsync(TimeSpan.FromSeconds(40));
        await b.StopAsync();

        var recovered = Assert.Single(Runs(job), r => r.Instance == "recover-b");
        Assert.True(recovered.Recovering);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await a.StopAsync(stop.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or NpgsqlException or SchedulerException)
        {
            // Node A is cut off from its store; it cannot shut down cleanly, as a dead node would not.
        }
    }

    private static List<(string Instance, DateTimeOffset Scheduled, bool Recovering, string Job)> Runs(string job) =>
        [.. ProbeJob.Executions.Where(e => e.Job == job)];
}
