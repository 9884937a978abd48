using System.Reflection;
using Npgsql;

namespace Etl.Scheduler.Storage;

/// <summary>
/// Creates or migrates the scheduler's tables from the embedded <c>Storage/NNN_*.sql</c> scripts, in order, each once,
/// recorded in <c>etl_schema_version</c>. An advisory lock makes nodes that start together take turns.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>Arbitrary constant key of the advisory lock; any value no other application on the database uses.</summary>
    private const long LockKey = 0x45544C5343484544;

    public static IReadOnlyList<(int Version, string Name)> Scripts { get; } = [.. typeof(SchemaMigrator).Assembly.GetManifestResourceNames()
        .Where(n => n.EndsWith(".sql", StringComparison.Ordinal))
        .Select(n => (Resource: n, File: n[(n.LastIndexOf("Storage.", StringComparison.Ordinal) + "Storage.".Length)..]))
        .Select(x => (Version: int.Parse(x.File.AsSpan(0, 3), System.Globalization.CultureInfo.InvariantCulture), Name: x.Resource))
        .OrderBy(x => x.Version)];

    /// <returns>Versions applied by this call (empty when the schema was current).</returns>
    public static async Task<IReadOnlyList<int>> MigrateAsync(string connectionString, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logger);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS etl_schema_version (version integer PRIMARY KEY, script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
            cancellationToken);
        var applied = new HashSet<int>();
        await using (var select = new NpgsqlCommand("SELECT version FROM etl_schema_version", connection, transaction))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var done = new List<int>();
        foreach (var (version, name) in Scripts.Where(s => !applied.Contains(s.Version)))
        {
            await ExecuteAsync(connection, transaction, Read(name), cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO etl_schema_version (version, script) VALUES (@v, @s)", connection, transaction);
            record.Parameters.AddWithValue("v", version);
            record.Parameters.AddWithValue("s", name);
            await record.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Applied scheduler schema script {Version} ({Script}).", version, name);
            done.Add(version);
        }

        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    private static string Read(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded schema script '{resource}' is missing from the build; check the EmbeddedResource item in Etl.Scheduler.csproj.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
