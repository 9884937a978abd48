using System.Diagnostics;
using Npgsql;

namespace Etl.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster from the machine's own binaries (Debian package <c>postgresql</c>):
/// <c>initdb</c> into a temp directory, <c>pg_ctl start</c> on a free loopback port, removed on dispose.
/// When the tests run as root the server runs as the <c>postgres</c> user, because PostgreSQL refuses root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable, IDisposable
{
    private const string Superuser = "postgres";
    private readonly string binDirectory;
    private readonly string root;
    private readonly string dataDirectory;
    private readonly bool runAsPostgres;
    private bool stopped;

    private PostgresServer(string binDirectory, string root, bool runAsPostgres, int port)
    {
        this.binDirectory = binDirectory;
        this.root = root;
        this.runAsPostgres = runAsPostgres;
        dataDirectory = Path.Combine(root, "data");
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connection string for the <c>postgres</c> database as the superuser (trust auth on loopback).</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = Superuser,
            Database = database,
            Pooling = true,
            Timeout = 15,
        }.ConnectionString;

    /// <summary>Initialises and starts a new cluster. Throws with the package to install when PostgreSQL is missing.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory()
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found in PG_BIN, /usr/lib/postgresql/*/bin or PATH. " +
                "Install them with 'sudo apt-get install postgresql' or set PG_BIN to the folder that holds initdb.");

        var runAsPostgres = Environment.IsPrivilegedProcess;
        var root = Path.Combine(Path.GetTempPath(), "etl-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var server = new PostgresServer(bin, root, runAsPostgres, Network.FreeTcpPort.Next());
        try
        {
            if (runAsPostgres)
            {
                await server.RunAsync("chown", ["-R", Superuser + ":", root], asPostgres: false, cancellationToken);
            }

            await server.RunAsync(Path.Combine(bin, "initdb"),
                ["-D", server.dataDirectory, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                runAsPostgres, cancellationToken);

            // Durability is pointless for a throwaway cluster; turning it off keeps the suite fast.
            var options = $"-p {server.Port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off " +
                          "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            await server.RunAsync(Path.Combine(bin, "pg_ctl"),
                ["-D", server.dataDirectory, "-l", Path.Combine(root, "server.log"), "-o", options, "-w", "-t", "60", "start"],
                runAsPostgres, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database, so tests sharing one server stay isolated.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionStringFor(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
            {
                await RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["-D", dataDirectory, "-m", "immediate", "-w", "stop"], runAsPostgres, CancellationToken.None);
            }
        }
        finally
        {
            TryDelete(root);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgres ? "runuser" : file,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", Superuser, "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(root, "server.log");
            var serverLog = File.Exists(log) ? "\nserver.log:\n" + await File.ReadAllTextAsync(log, cancellationToken) : "";
            throw new InvalidOperationException(
                $"'{file} {string.Join(' ', arguments)}' exited with {process.ExitCode}:\n{await stdout}\n{await stderr}{serverLog}");
        }
    }

    private static string? FindBinDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "initdb")))
        {
            return fromEnv;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => d.Version >= 0 && File.Exists(Path.Combine(d.Dir, "bin", "initdb")))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return Path.Combine(newest.Dir, "bin");
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return dir;
            }
        }

        return null;
    }


    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; never fail a test run over it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
