using Etl.Enrichment.Enriching;
using Etl.Kafka.Registry;
using Etl.Schemas.Naming;
using Etl.Testing.Kafka;
using Etl.Worker.Generation;
using Etl.Worker.Mapping;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Etl.Worker.Producing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>
/// A Schema Registry outage is the registry's problem, not the records': they wait, none is dead-lettered. The
/// registry is the dev-stack one behind a gate that drops connections, answers 503 or never answers.
/// </summary>
public sealed class RegistryOutageTests : IClassFixture<KafkaMockCluster>
{
    private readonly KafkaMockCluster kafka;

    public RegistryOutageTests(KafkaMockCluster kafka) => this.kafka = kafka;

    [Theory]
    [InlineData(-1)]
    [InlineData(503)]
    [InlineData(-2)]
    public async Task Registry_down_for_ten_seconds_at_start_dead_letters_nothing_and_everything_is_indexed_when_it_returns(int downWith)
    {
        const int count = 300;
        var topic = kafka.CreateTopic("registry-down", partitions: 2);
        await using var registry = await LocalRegistry.StartAsync(topic, TopicNames.DeadLetter);
        using (var producer = new TweetProducer(kafka.ProducerConfig(), registry.Client, topic))
        {
            foreach (var tweet in new TweetGenerator(new GeneratorSettings { Count = count, Seed = 3 }).Generate())
            {
                await producer.ProduceAsync(TweetRecordMapper.ToAvro(tweet.Tweet));
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        await using var outage = await RegistryGate.StartAsync(registry.Server.Url);
        outage.DownWith = downWith;
        using var client = AvroSerdes.CreateClient(new SchemaRegistryOptions { Url = outage.Url.ToString(), MaxRetries = 1, RequestTimeout = TimeSpan.FromMilliseconds(300) });
        var sink = new ScriptedSink();
        var deadLetters = new CollectingDeadLetterSink();
        var clock = new FakeClock();
        var metrics = new PipelineMetrics(meterName: "test-" + Guid.NewGuid().ToString("N"));
        var options = new PipelineOptions
        {
            Topic = topic,
            GroupId = "g-" + Guid.NewGuid().ToString("N"),
            BatchMaxDocuments = 100,
            BatchLinger = TimeSpan.FromMilliseconds(100),
            RetryBaseDelay = TimeSpan.FromMilliseconds(200),
            RetryMaxDelay = TimeSpan.FromSeconds(2),
            EnrichParallelism = 2,
        };
        var pipeline = new IngestPipeline(options, kafka.ConsumerConfig(options.GroupId), new AvroTweetProcessor(client, TweetEnricher.CreateDefault()),
            sink, deadLetters, metrics, NullLogger<IngestPipeline>.Instance, clock.Time);
        await using var run = new RunningPipeline(pipeline, metrics);

        await clock.AdvanceUntilAsync(() => outage.Refused > 0 && !pipeline.IsReady, TimeSpan.FromMilliseconds(50));
        var readyDuringOutage = 0;
        await clock.AdvanceAsync(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), () => readyDuringOutage += pipeline.IsReady ? 1 : 0);

        Assert.Equal(0, readyDuringOutage);
        Assert.Empty(deadLetters.Records);
        Assert.Empty(sink.DistinctIds);

        outage.DownWith = 0;
        await clock.AdvanceUntilAsync(() => sink.DistinctIds.Count == count && pipeline.IsReady, TimeSpan.FromMilliseconds(50));
        Assert.Empty(deadLetters.Records);
    }
}
