using System.Text.Json;
using Etl.Elastic;
using Etl.Elastic.Transport;
using Etl.Enrichment.Enriching;
using Etl.Schemas.Naming;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Kafka;
using Etl.Worker.Indexing;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Etl.Worker.Sources.Bluesky;
using Etl.Worker.Tests.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Etl.Worker.Tests.Sources;

/// <summary>Both live sources → Kafka (mock cluster) → the worker pipeline → the Elasticsearch stub.</summary>
public sealed class StreamEndToEndTests : IClassFixture<KafkaMockCluster>
{
    private readonly KafkaMockCluster kafka;

    public StreamEndToEndTests(KafkaMockCluster kafka) => this.kafka = kafka;

    [Fact]
    public async Task Posts_from_x_and_bluesky_are_indexed_once_each_and_carry_their_network()
    {
        var topic = kafka.CreateTopic("live", partitions: 3);
        await using var x = await XHarness.StartAsync(kafka, topic);
        var posted = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        x.StandIn.ThenLines(Enumerable.Range(0, 30).Select(i => XStandIn.Post(1_860_000_000_000_000_000 + i, $"#solar eclipse from x {i}", posted.AddMinutes(i))), StreamEnd.Silence);
        x.Run();

        await using var jetstream = await JetstreamStandIn.StartAsync();
        const long start = 1_764_489_600_000_000; // 2025-11-30T08:00:00Z
        jetstream.AddIdentity("did:plc:eygmaihciaxprqvxpfvl6flk", "alice.bsky.social", start);
        for (var i = 0; i < 20; i++)
        {
            jetstream.AddPost("did:plc:eygmaihciaxprqvxpfvl6flk", $"3lbe2e{i:D7}", $"eclipse from bluesky {i}", start + ((i + 1) * 1_000_000));
        }

        var directory = Directory.CreateTempSubdirectory("e2e-").FullName;
        try
        {
            var options = new JetstreamOptions { CursorFile = Path.Combine(directory, "cursor") };
            options.Instances.Add(jetstream.Url.ToString());
            await using var bluesky = new JetstreamRun(kafka, topic, x.Registry.Client, options, new FakeTimeProvider(DateTimeOffset.UtcNow));

            await using var es = await ElasticsearchStub.StartAsync();
            using var client = new ElasticsearchClient(new ElasticsearchOptions { Url = es.Url.ToString(), RequestTimeout = TimeSpan.FromSeconds(5) });
            var metrics = new PipelineMetrics(meterName: "test-" + Guid.NewGuid().ToString("N"));
            var pipelineOptions = new PipelineOptions
            {
                Topic = topic,
                GroupId = "g-" + Guid.NewGuid().ToString("N"),
                BatchLinger = TimeSpan.FromMilliseconds(50),
                CommitInterval = TimeSpan.FromMilliseconds(200),
            };
            using var pipeline = new IngestPipeline(pipelineOptions, kafka.ConsumerConfig(pipelineOptions.GroupId),
                new AvroTweetProcessor(x.Registry.Client, TweetEnricher.CreateDefault()),
                new ElasticsearchDocumentSink(client), new CollectingDeadLetterSink(), metrics, NullLogger<IngestPipeline>.Instance);
            using var stop = new CancellationTokenSource();
            var run = pipeline.RunAsync(stop.Token);

            await SourceTestKit.WaitForAsync(() => es.IndexedIds.Count == 50, "50 documents indexed");
            await stop.CancelAsync();
            await run;

            var networks = es.Documents.Select(d => JsonDocument.Parse(d.Source!).RootElement).ToList();
            Assert.Equal(30, networks.Count(d => d.GetProperty("network").GetString() == SourceNetworks.X));
            var posts = networks.Where(d => d.GetProperty("network").GetString() == SourceNetworks.Bluesky).ToList();
            Assert.Equal(20, posts.Count);
            Assert.All(posts, p => Assert.StartsWith("at://did:plc:eygmaihciaxprqvxpfvl6flk/app.bsky.feed.post/", p.GetProperty("uri").GetString(), StringComparison.Ordinal));
            Assert.All(posts, p => Assert.Equal("alice.bsky.social", p.GetProperty("user").GetProperty("screen_name").GetString()));
            Assert.Equal(50, es.Documents.Select(d => d.Id).Distinct().Count());
            Assert.Equal(0, metrics.DeadLettered);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
