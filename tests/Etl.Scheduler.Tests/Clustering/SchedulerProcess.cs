using System.Diagnostics;
using System.Net;
using System.Text;
using Etl.Testing.Network;

namespace Etl.Scheduler.Tests.Clustering;

/// <summary>
/// A real <c>etl-scheduler run</c> process (the built <c>etl-scheduler.dll</c> under <c>dotnet</c>), configured through
/// environment variables as a deployment configures it, on its own loopback port. Its output is kept for failure messages.
/// </summary>
public sealed class SchedulerProcess : IAsyncDisposable
{
    public const string Username = "operator";
    public const string Password = "correct horse battery";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SchedulerProcess(Process process, string name, Uri baseAddress)
    {
        _process = process;
        Name = name;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static SchedulerProcess Start(string name, string connectionString, Uri elasticsearch, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreeTcpPort.Next();
        var dll = Path.Combine(AppContext.BaseDirectory, "etl-scheduler.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", dll, "run"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Scheduler__ConnectionString"] = connectionString,
            ["Scheduler__ServerName"] = name,
            ["Scheduler__QueuePollInterval"] = "00:00:00.250",
            ["Scheduler__SchedulePollingInterval"] = "00:00:00.500",
            ["Scheduler__InvisibilityTimeout"] = "00:00:05",
            ["Scheduler__DistributedLockTimeout"] = "00:00:10",
            ["Elasticsearch__Url"] = elasticsearch.ToString(),
            ["Dashboard__Username"] = Username,
            ["Dashboard__Password"] = Password,
            ["QueryApi__ApiKey"] = "process-test-api-key-0123",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var scheduler = new SchedulerProcess(process, name, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => scheduler.Append(e.Data);
        process.ErrorDataReceived += (_, e) => scheduler.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return scheduler;
    }

    /// <summary>Waits until <c>/readyz</c> answers 200 with at least <paramref name="servers"/> Hangfire servers registered.</summary>
    public async Task WaitReadyAsync(int servers = 1, TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            Assert.False(_process.HasExited, $"{Name} exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                using var response = await client.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK
                    && System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("servers").GetInt32() >= servers)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"{Name} was not ready within the timeout:\n{Output}");
            await Task.Delay(200);
        }
    }

    public HttpClient Dashboard()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
        return client;
    }

    /// <summary>SIGKILL: no shutdown, no chance to release a job, as when a machine dies.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.CompletedTask;
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
