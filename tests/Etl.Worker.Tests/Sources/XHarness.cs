using System.Collections.Concurrent;
using Etl.Schemas.Naming;
using etl.tweets;
using Etl.Testing.Kafka;
using Etl.Worker.Producing;
using Etl.Worker.Sources;
using Etl.Worker.Sources.X;
using Microsoft.Extensions.Time.Testing;

namespace Etl.Worker.Tests.Sources;

/// <summary>The X stand-in, a filtered-stream reader on a fake clock, and a runner producing to a mock-cluster topic.</summary>
internal sealed class XHarness : IAsyncDisposable
{
    public const string Token = "AAAAAAAAAAAAAAAAAAAAAsecret-bearer-0042";

    private readonly KafkaMockCluster kafka;
    private readonly HttpClient http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly TweetProducer producer;
    private readonly CancellationTokenSource stop = new();
    private Task<StreamResult>? run;

    private XHarness(KafkaMockCluster kafka, XStandIn standIn, string topic, LocalRegistry registry)
    {
        this.kafka = kafka;
        StandIn = standIn;
        // Whole seconds, so x-rate-limit-reset (Unix seconds) lands exactly where the test puts it.
        Clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        Options = new XStreamOptions { BaseUrl = standIn.BaseUrl.ToString(), BearerToken = Token };
        Metrics = new SourceMetrics(SourceNetworks.X, Clock, "test-" + Guid.NewGuid().ToString("N"));
        Stream = new XStreamReader(http, Options, Metrics, Clock, Logger);
        Stream.Reconnecting += Reconnects.Enqueue;
        Topic = topic;
        Registry = registry;
        producer = new TweetProducer(kafka.ProducerConfig(), Registry.Client, Topic);
    }

    public XStandIn StandIn { get; }

    public FakeTimeProvider Clock { get; }

    public XStreamOptions Options { get; }

    public SourceMetrics Metrics { get; }

    public XStreamReader Stream { get; }

    public ListLogger Logger { get; } = new();

    public ConcurrentQueue<XReconnect> Reconnects { get; } = new();

    public LocalRegistry Registry { get; }

    public string Topic { get; }

    public static async Task<XHarness> StartAsync(KafkaMockCluster kafka, string? topic = null)
    {
        topic ??= kafka.CreateTopic("x", partitions: 3);
        return new(kafka, await XStandIn.StartAsync(), topic, await LocalRegistry.StartAsync(topic));
    }

    public void Run() => run = new StreamRunner(producer, Metrics, Clock, Logger).RunAsync(100, Stream.RunAsync, null, stop.Token);

    public async Task<StreamResult> StopAsync()
    {
        await stop.CancelAsync();
        return await run!;
    }

    /// <summary>Waits until the runner ends by itself (a fatal error).</summary>
    public async Task<StreamResult> EndAsync() => await run!.WaitAsync(SourceTestKit.Patience);

    public List<(string Key, Tweet Tweet)> Records(int expected) => SourceTestKit.ReadAll(kafka, Topic, Registry, expected);

    public XReconnect Reconnect(int number)
    {
        Assert.True(Reconnects.Count >= number, $"expected at least {number} reconnects, saw {Reconnects.Count}");
        return Reconnects.ElementAt(number - 1);
    }

    public async ValueTask DisposeAsync()
    {
        if (run is { IsCompleted: false })
        {
            await StopAsync();
        }

        producer.Dispose();
        Metrics.Dispose();
        http.Dispose();
        stop.Dispose();
        await StandIn.DisposeAsync();
        await Registry.DisposeAsync();
    }
}
