using Npgsql;

namespace Etl.Scheduler.Tests.Clustering;

/// <summary>What Hangfire recorded in PostgreSQL about the jobs of one recurring job: the evidence of exactly-once.</summary>
public static class HangfireTables
{
    /// <summary>Every job the recurring job created, with its scheduled fire, state, and how often it was processed.</summary>
    public static async Task<List<RecurringRun>> RunsAsync(string connectionString, string recurringJobId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT j.id,
                   j.statename,
                   (SELECT p.value FROM hangfire.jobparameter p WHERE p.jobid = j.id AND p.name = 'Time'),
                   (SELECT count(*) FROM hangfire.state s WHERE s.jobid = j.id AND s.name = 'Processing'),
                   (SELECT string_agg(s.data::text, ' | ' ORDER BY s.id) FROM hangfire.state s WHERE s.jobid = j.id AND s.name = 'Processing')
            FROM hangfire.job j
            JOIN hangfire.jobparameter r ON r.jobid = j.id AND r.name = 'RecurringJobId' AND r.value = @recurring
            ORDER BY j.id
            """, connection);
        command.Parameters.AddWithValue("recurring", "\"" + recurringJobId + "\"");
        var runs = new List<RecurringRun>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            runs.Add(new RecurringRun(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? "" : reader.GetString(1),
                reader.IsDBNull(2) ? null : long.Parse(reader.GetString(2).Trim('"'), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? "" : reader.GetString(4)));
        }

        return runs;
    }

    /// <summary>Names of the Hangfire servers that have registered in this database (and not yet been removed).</summary>
    public static async Task<List<string>> ServersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM hangfire.server ORDER BY id", connection);
        var servers = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            servers.Add(reader.GetString(0));
        }

        return servers;
    }
}
