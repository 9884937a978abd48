using System.Globalization;
using Confluent.Kafka;
using Etl.Kafka.Native;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Network;

namespace Etl.Worker.Tests.Cli;

/// <summary>
/// A <c>run</c> process killed with SIGKILL in the middle of its work, then restarted, as an orchestrator would: real
/// processes against <c>etl-worker dev-stack</c> and the Elasticsearch stub.
/// </summary>
public sealed class WorkerKillTests
{
    [Fact]
    public async Task A_worker_killed_mid_batch_and_restarted_loses_nothing_and_reindexes_only_what_was_in_flight()
    {
        const int count = 4_000;
        var envFile = Path.Combine(Path.GetTempPath(), $"dev-stack-{Guid.NewGuid():N}.env");
        using var stack = WorkerProcess.Start([], "dev-stack", "--brokers", "1", "--partitions", "3", "--env-file", envFile);
        var settings = await DevStackProcessTests.ReadEnvFileAsync(envFile, stack);
        await using var es = await ElasticsearchStub.StartAsync();
        // Every bulk request takes a while, so the kill lands with a batch on the wire and more records behind it.
        es.ResponseDelay = TimeSpan.FromMilliseconds(150);
        var group = "kill-" + Guid.NewGuid().ToString("N");
        var run = new Dictionary<string, string>(settings)
        {
            ["Elasticsearch__Url"] = es.Url.ToString(),
            ["Pipeline__GroupId"] = group,
            ["Pipeline__BatchMaxDocuments"] = "200",
            ["Pipeline__BatchLinger"] = "00:00:00.050",
            ["Pipeline__CommitInterval"] = "00:00:00.200",
            ["Pipeline__ChannelCapacity"] = "256",
        };

        using (var generate = WorkerProcess.Start(new Dictionary<string, string>(settings), "generate", "--kafka", "--count", count.ToString(CultureInfo.InvariantCulture), "--seed", "5"))
        {
            Assert.True(generate.Process.WaitForExit(TimeSpan.FromSeconds(120)), "generate --kafka did not finish");
            Assert.True(generate.Process.ExitCode == 0, $"generate --kafka exited {generate.Process.ExitCode}: {generate.Output}");
        }

        long indexOperationsAtKill;
        long committedAtKill;
        using (var first = WorkerProcess.Start(WithPort(run), "run"))
        {
            await DevStackProcessTests.WaitForAsync(() => Tweets(es).Count >= count / 4, [first]);
            first.Kill();
            // A bulk request the worker sent before it died can still be applied by the stub: count it as indexed.
            await es.WaitIdleAsync(TimeSpan.FromSeconds(30));
            committedAtKill = Committed(settings["Kafka__BootstrapServers"], group);
            indexOperationsAtKill = Tweets(es).Sum(d => d.Version);
        }

        Assert.True(Tweets(es).Count < count, "the kill should leave work undone");

        using (var second = WorkerProcess.Start(WithPort(run), "run"))
        {
            await DevStackProcessTests.WaitForAsync(() => Tweets(es).Count >= count, [second]);
            Assert.False(second.Process.HasExited, second.Output);
        }

        var documents = Tweets(es);
        var operations = documents.Sum(d => d.Version);
        var duplicates = operations - documents.Count;
        var inFlightAtKill = indexOperationsAtKill - committedAtKill;
        Console.WriteLine($"{count} tweets: {operations} index operations, {duplicates} duplicates; at the kill {indexOperationsAtKill} indexed, {committedAtKill} committed");
        // 0 lost: every generated tweet is in Elasticsearch.
        Assert.Equal(count, documents.Count);
        // Duplicates are only the records indexed past the last commit, which the restart reads again (idempotent
        // ids make them overwrites); what is in flight is bounded by the stages, far below the whole stream.
        Assert.InRange(duplicates, 0, inFlightAtKill);
        Assert.InRange(inFlightAtKill, 0, count / 2);
        stack.Terminate();
    }

    private static Dictionary<string, string> WithPort(Dictionary<string, string> environment) =>
        new(environment) { ["Observability__Port"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture) };

    private static List<StubDocument> Tweets(ElasticsearchStub es) =>
        [.. es.Documents.Where(d => d.Index.StartsWith("tweets-20", StringComparison.Ordinal))];

    /// <summary>The group's committed offsets on tweets.raw, summed: how many records the killed worker had committed.</summary>
    private static long Committed(string bootstrapServers, string group)
    {
        LibrdkafkaCheck.Ensure();
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = group }).Build();
        var partitions = Enumerable.Range(0, 3).Select(p => new TopicPartition(Etl.Schemas.Naming.TopicNames.Raw, p)).ToList();
        return consumer.Committed(partitions, TimeSpan.FromSeconds(30)).Sum(o => o.Offset.Value >= 0 ? o.Offset.Value : 0);
    }
}
