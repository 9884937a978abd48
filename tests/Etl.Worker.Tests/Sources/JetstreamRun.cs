using System.Collections.Concurrent;
using Etl.Schemas.Naming;
using Confluent.SchemaRegistry;
using Etl.Testing.Kafka;
using Etl.Worker.Producing;
using Etl.Worker.Sources;
using Etl.Worker.Sources.Bluesky;
using Microsoft.Extensions.Time.Testing;

namespace Etl.Worker.Tests.Sources;

/// <summary>One run of <c>stream bluesky</c> as the CLI wires it: cursor file, reader on a fake clock, runner, producer.</summary>
internal sealed class JetstreamRun : IAsyncDisposable
{
    private readonly TweetProducer producer;
    private readonly CancellationTokenSource stop = new();
    private readonly Task<StreamResult> run;

    public JetstreamRun(KafkaMockCluster kafka, string topic, ISchemaRegistryClient registry, JetstreamOptions options, FakeTimeProvider clock)
    {
        Cursor = new CursorFile(options.CursorFile);
        Metrics = new SourceMetrics(SourceNetworks.Bluesky, clock, "test-" + Guid.NewGuid().ToString("N"));
        Reader = new JetstreamReader(options, new JetstreamPostMapper(), Metrics, clock, Logger);
        Reader.Reconnecting += Reconnects.Enqueue;
        Reader.ResumeFrom(Cursor.Read());
        producer = new TweetProducer(kafka.ProducerConfig(), registry, topic);
        run = new StreamRunner(producer, Metrics, clock, Logger).RunAsync(100, Reader.RunAsync, Cursor.Write, stop.Token);
    }

    public CursorFile Cursor { get; }

    public SourceMetrics Metrics { get; }

    public JetstreamReader Reader { get; }

    public ListLogger Logger { get; } = new();

    public ConcurrentQueue<JetstreamReconnect> Reconnects { get; } = new();

    public async Task<StreamResult> StopAsync()
    {
        await stop.CancelAsync();
        return await run;
    }

    public async ValueTask DisposeAsync()
    {
        if (!run.IsCompleted)
        {
            await StopAsync();
        }

        producer.Dispose();
        Metrics.Dispose();
        stop.Dispose();
    }
}
