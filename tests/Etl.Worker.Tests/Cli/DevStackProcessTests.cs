using System.Globalization;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Network;

namespace Etl.Worker.Tests.Cli;

/// <summary>
/// <c>etl-worker dev-stack</c> as users run it: separate processes sharing its Kafka and Schema Registry.
/// </summary>
public sealed class DevStackProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Two_run_processes_in_one_group_index_every_generated_tweet_exactly_once()
    {
        const int count = 3_000;
        var envFile = Path.Combine(Path.GetTempPath(), $"dev-stack-{Guid.NewGuid():N}.env");
        using var stack = Worker(new Dictionary<string, string>(), "dev-stack", "--brokers", "3", "--partitions", "6", "--env-file", envFile);
        var settings = await ReadEnvFileAsync(envFile, stack);
        Assert.StartsWith("127.0.0.1:", settings["Kafka__BootstrapServers"], StringComparison.Ordinal);
        Assert.Equal(3, settings["Kafka__BootstrapServers"].Split(',').Length);
        Assert.StartsWith("http://127.0.0.1:", settings["SchemaRegistry__Url"], StringComparison.Ordinal);

        await using var es = await ElasticsearchStub.StartAsync();
        var group = "dev-stack-" + Guid.NewGuid().ToString("N");
        var runs = Enumerable.Range(0, 2).Select(_ => Worker(
            new Dictionary<string, string>(settings)
            {
                ["Elasticsearch__Url"] = es.Url.ToString(),
                ["Pipeline__GroupId"] = group,
                ["Pipeline__BatchLinger"] = "00:00:00.050",
                ["Observability__Port"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            },
            "run")).ToList();
        try
        {
            // Both members hold partitions before any tweet exists, so the group really splits the work.
            await WaitForAsync(() => runs.All(r => r.Output.Contains("Assigned", StringComparison.Ordinal)) && runs[1].Output.Contains("tweets.raw[", StringComparison.Ordinal), runs);

            using (var generate = Worker(new Dictionary<string, string>(settings), "generate", "--kafka", "--count", count.ToString(CultureInfo.InvariantCulture), "--seed", "11"))
            {
                Assert.True(generate.Process.WaitForExit(Patience), "generate --kafka did not finish");
                Assert.True(generate.Process.ExitCode == 0, $"generate --kafka exited {generate.Process.ExitCode}: {generate.Output}");
            }

            await WaitForAsync(() => es.IndexedIds.Count(id => id.Length > 0) >= count, runs);
            Assert.Equal(count, es.Documents.Where(d => d.Index.StartsWith("tweets-20", StringComparison.Ordinal)).Select(d => d.Id).Distinct().Count());
            Assert.All(runs, r => Assert.False(r.Process.HasExited, "a run process stopped: " + r.Output));
        }
        finally
        {
            foreach (var run in runs)
            {
                run.Dispose();
            }
        }

        // SIGTERM stops dev-stack cleanly and removes the file naming its ports.
        stack.Terminate();
        Assert.True(stack.Process.WaitForExit(TimeSpan.FromSeconds(30)), "dev-stack did not stop on SIGTERM");
        Assert.Equal(0, stack.Process.ExitCode);
        Assert.False(File.Exists(envFile));
    }

    internal static async Task<Dictionary<string, string>> ReadEnvFileAsync(string path, WorkerProcess stack)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!File.Exists(path))
        {
            Assert.False(stack.Process.HasExited, "dev-stack exited: " + stack.Output);
            Assert.True(DateTime.UtcNow < deadline, "dev-stack wrote no env file: " + stack.Output);
            await Task.Delay(100);
        }

        var lines = await File.ReadAllLinesAsync(path);
        // Printed on stdout too, line for line.
        await WaitForAsync(() => lines.All(l => stack.Output.Contains(l, StringComparison.Ordinal)), [stack]);
        return lines.Where(l => l.Length > 0).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    internal static async Task WaitForAsync(Func<bool> condition, IReadOnlyList<WorkerProcess> watched)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time; output:\n" + string.Join("\n----\n", watched.Select(w => w.Output)));
            await Task.Delay(100);
        }
    }

    private static WorkerProcess Worker(Dictionary<string, string> environment, params string[] args) => WorkerProcess.Start(environment, args);
}
