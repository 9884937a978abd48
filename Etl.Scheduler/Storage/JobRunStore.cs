using System.Text.Json;
using Npgsql;

namespace Etl.Scheduler.Storage;

/// <summary>Reads and writes the job history in <c>etl_job_runs</c>.</summary>
public sealed class JobRunStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "run_id, job_name, trigger_name, instance_id, fire_time, started_at, ended_at, outcome, error, figures::text, recovering";

    public async Task StartedAsync(JobRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var command = dataSource.CreateCommand(
            "INSERT INTO etl_job_runs (run_id, job_name, trigger_name, instance_id, fire_time, started_at, outcome, recovering) " +
            "VALUES (@id, @job, @trigger, @instance, @fire, @started, @outcome, @recovering) ON CONFLICT (run_id) DO NOTHING");
        command.Parameters.AddWithValue("id", run.RunId);
        command.Parameters.AddWithValue("job", run.JobName);
        command.Parameters.AddWithValue("trigger", run.TriggerName);
        command.Parameters.AddWithValue("instance", run.InstanceId);
        command.Parameters.AddWithValue("fire", run.FireTime);
        command.Parameters.AddWithValue("started", run.StartedAt);
        command.Parameters.AddWithValue("outcome", run.Outcome);
        command.Parameters.AddWithValue("recovering", run.Recovering);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task FinishedAsync(string runId, DateTimeOffset endedAt, string outcome, string? error, IReadOnlyDictionary<string, long> figures, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE etl_job_runs SET ended_at = @ended, outcome = @outcome, error = @error, figures = @figures::jsonb WHERE run_id = @id");
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("ended", endedAt);
        command.Parameters.AddWithValue("outcome", outcome);
        command.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("figures", JsonSerializer.Serialize(figures));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The newest runs, optionally of one job or one outcome.</summary>
    public async Task<IReadOnlyList<JobRun>> RecentAsync(int limit, string? jobName = null, string? outcome = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM etl_job_runs WHERE (@job::text IS NULL OR job_name = @job) AND (@outcome::text IS NULL OR outcome = @outcome) " +
            "ORDER BY started_at DESC LIMIT @limit");
        command.Parameters.AddWithValue("job", (object?)jobName ?? DBNull.Value);
        command.Parameters.AddWithValue("outcome", (object?)outcome ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", limit);
        var runs = new List<JobRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new JobRun(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(9)) ?? [],
                reader.GetBoolean(10)));
        }

        return runs;
    }

    /// <summary>True when the database answers; for the readiness probe.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            return await command.ExecuteScalarAsync(cancellationToken) is 1;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}
