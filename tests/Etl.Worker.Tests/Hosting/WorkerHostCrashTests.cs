using System.Diagnostics;
using System.Net;
using Etl.Elastic;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Kafka;
using Etl.Worker.Cli;
using Etl.Worker.Generation;
using Etl.Worker.Hosting;
using Etl.Worker.Indexing;
using Etl.Worker.Mapping;
using Etl.Worker.Pipeline;
using Etl.Worker.Producing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Etl.Worker.Tests.Hosting;

/// <summary>
/// The <c>run</c> host (as <c>etl-worker run</c> builds and runs it) when its index stage crashes: the process must not
/// live on doing nothing. It reports not ready, logs the cause as an error, and <see cref="WorkerHost.RunAsync"/>
/// returns a non-zero exit code within seconds, not after the drain timeout, so an orchestrator restarts it.
/// </summary>
[Collection(WorkerHostCollection.Name)]
public sealed class WorkerHostCrashTests(KafkaMockCluster kafka, ITestOutputHelper output) : IClassFixture<KafkaMockCluster>
{
    [Fact]
    public async Task A_crash_of_the_index_stage_reports_not_ready_logs_the_cause_and_run_exits_non_zero_within_seconds()
    {
        const int before = 300;
        const int after = 200;
        var topic = kafka.CreateTopic("host-crash", partitions: 2);
        await using var registry = await LocalRegistry.StartAsync(topic);
        var tweets = new TweetGenerator(new GeneratorSettings { Count = before + after, Seed = 47 }).Generate().ToList();
        await using var es = await ElasticsearchStub.StartAsync();
        var port = Etl.Testing.Network.FreeTcpPort.Next();
        var settings = WorkerSettings.Load(WorkerSettings.BuildConfiguration(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = kafka.BootstrapServers,
            ["Elasticsearch:Url"] = es.Url.ToString(),
            ["SchemaRegistry:Url"] = registry.Server.Url.ToString(),
            ["Pipeline:Topic"] = topic,
            ["Pipeline:GroupId"] = "host-crash-" + Guid.NewGuid().ToString("N"),
            ["Pipeline:BatchLinger"] = "00:00:00.050",
            // The default drain timeout (30 s) stays: a failed stage must not wait it out.
            ["Observability:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.True(settings.Pipeline.DrainTimeout >= TimeSpan.FromSeconds(30));
        var logs = new CapturingLoggerProvider();
        ShortAnsweringSink? sink = null;
        await using var app = WorkerHost.Build(settings, services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.AddSingleton<IDocumentSink>(sp => sink = new ShortAnsweringSink(new ElasticsearchDocumentSink(sp.GetRequiredService<ElasticsearchClient>())));
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };

        var exit = WorkerHost.RunAsync(app, CancellationToken.None);
        await ProduceAsync(registry, topic, tweets.Take(before));
        await WaitForAsync(async () => !exit.IsCompleted && (await http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK);
        await WaitForAsync(() => Task.FromResult(Tweets(es) == before));
        Assert.NotNull(sink);

        // From now on the sink answers one item short: the index stage cannot tell which record is done, and no rule
        // covers a sink that breaks its contract, so the stage fails.
        sink.Arm();
        await ProduceAsync(registry, topic, tweets.Skip(before));
        await sink.Crashed.WaitAsync(TimeSpan.FromSeconds(60));
        var sinceCrash = Stopwatch.StartNew();
        var answersAfterCrash = new List<(HttpStatusCode Status, string Body)>();
        while (!exit.IsCompleted && sinceCrash.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var answer = await http.GetAsync("readyz");
                answersAfterCrash.Add((answer.StatusCode, await answer.Content.ReadAsStringAsync()));
            }
            catch (HttpRequestException)
            {
                // The host has stopped listening on its way out.
            }

            await Task.Delay(5);
        }

        var code = await exit.WaitAsync(TimeSpan.FromSeconds(60));
        var exitedAfter = sinceCrash.Elapsed;
        output.WriteLine($"exit code {code} {exitedAfter.TotalMilliseconds:F0} ms after the crash; /readyz after it: {string.Join(", ", answersAfterCrash.Select(a => (int)a.Status))}");

        Assert.NotEqual(0, code);
        Assert.Equal(CommandErrors.Failed, code);
        Assert.InRange(exitedAfter, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        // Between the crash and the exit, /readyz says why the worker is not ready, and it is never ready again. (The
        // sink signals just before the stage throws, so an answer or two may still predate the failure.)
        var failed = answersAfterCrash.FindIndex(a => a.Status == HttpStatusCode.ServiceUnavailable
            && a.Body.Contains("The index stage failed", StringComparison.Ordinal) && a.Body.Contains(ShortAnsweringSink.Symptom, StringComparison.Ordinal));
        Assert.True(failed >= 0, $"/readyz never answered 503 with the cause; answers after the crash: {string.Join(", ", answersAfterCrash.Select(a => (int)a.Status))}");
        Assert.DoesNotContain(answersAfterCrash.Skip(failed), a => a.Status == HttpStatusCode.OK);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error
            && e.Category == typeof(IngestPipeline).FullName
            && e.Message.Contains("index", StringComparison.Ordinal)
            && e.Error is InvalidOperationException error && error.Message.Contains(ShortAnsweringSink.Symptom, StringComparison.Ordinal));
    }

    private static int Tweets(ElasticsearchStub es) => es.Documents.Count(d => d.Index.StartsWith("tweets-20", StringComparison.Ordinal));

    private async Task ProduceAsync(LocalRegistry registry, string topic, IEnumerable<GeneratedTweet> tweets)
    {
        using var producer = new TweetProducer(kafka.ProducerConfig(), registry.Client, topic);
        var count = 0;
        foreach (var tweet in tweets)
        {
            await producer.ProduceAsync(TweetRecordMapper.ToAvro(tweet.Tweet));
            count++;
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        Assert.Equal(count, producer.Delivered);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// The worker's Elasticsearch sink with a bug switched on by <see cref="Arm"/>: it then answers one item fewer than it
    /// was given, which breaks <see cref="IDocumentSink"/>'s contract (one result per action).
    /// </summary>
    private sealed class ShortAnsweringSink(IDocumentSink inner) : IDocumentSink
    {
        /// <summary>What the index stage says when the sink answers short.</summary>
        public const string Symptom = "items for a request of";

        private readonly TaskCompletionSource crashed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool armed;

        public Task Crashed => crashed.Task;

        public void Arm() => armed = true;

        public async Task<IReadOnlyList<SinkItemResult>> WriteAsync(IReadOnlyList<IndexAction> actions, CancellationToken cancellationToken)
        {
            // Read before the write: a request sent before Arm() must answer in full even if Arm() comes while it is out.
            var broken = armed;
            var results = await inner.WriteAsync(actions, cancellationToken);
            if (!broken)
            {
                return results;
            }

            crashed.TrySetResult();
            return [.. results.Take(results.Count - 1)];
        }
    }
}
