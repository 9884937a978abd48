using Etl.Enrichment.Enriching;
using Etl.Schemas.Avro;
using Etl.Schemas.Registry;
using Etl.Testing.Kafka;
using Etl.Worker.Generation;
using Etl.Worker.Mapping;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Etl.Worker.Producing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>A Schema Registry outage is the registry's problem, not the records': they wait, none is dead-lettered.</summary>
public sealed class RegistryOutageTests : IClassFixture<KafkaMockCluster>
{
    private readonly KafkaMockCluster kafka;

    public RegistryOutageTests(KafkaMockCluster kafka) => this.kafka = kafka;

    [Fact]
    public async Task Registry_down_for_ten_seconds_at_start_dead_letters_nothing_and_everything_is_indexed_when_it_returns()
    {
        const int count = 300;
        var topic = kafka.CreateTopic("registry-down", partitions: 2);
        var registry = new InMemorySchemaRegistry();
        using (var producer = new TweetProducer(kafka.ProducerConfig(), registry, topic))
        {
            foreach (var tweet in new TweetGenerator(new GeneratorSettings { Count = count, Seed = 3 }).Generate())
            {
                await producer.ProduceAsync(TweetRecordMapper.ToAvro(tweet.Tweet));
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        var outage = new UnreachableRegistry(registry) { Down = true };
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
        var pipeline = new IngestPipeline(options, kafka.ConsumerConfig(options.GroupId), new AvroTweetProcessor(outage, TweetEnricher.CreateDefault(), topic),
            sink, deadLetters, metrics, NullLogger<IngestPipeline>.Instance, clock.Time);
        await using var run = new RunningPipeline(pipeline, metrics);

        await clock.AdvanceUntilAsync(() => outage.Refused > 0 && !pipeline.IsReady, TimeSpan.FromMilliseconds(50));
        var readyDuringOutage = 0;
        await clock.AdvanceAsync(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), () => readyDuringOutage += pipeline.IsReady ? 1 : 0);

        Assert.Equal(0, readyDuringOutage);
        Assert.Empty(deadLetters.Records);
        Assert.Empty(sink.DistinctIds);

        outage.Down = false;
        await clock.AdvanceUntilAsync(() => sink.DistinctIds.Count == count && pipeline.IsReady, TimeSpan.FromMilliseconds(50));
        Assert.Empty(deadLetters.Records);
    }

    /// <summary>A registry whose server is gone: every call fails the way <see cref="SchemaRegistryClient"/> does after its retries.</summary>
    private sealed class UnreachableRegistry(ISchemaRegistry inner) : ISchemaRegistry
    {
        private int refused;

        public volatile bool Down;

        public int Refused => Volatile.Read(ref refused);

        public Task<int> RegisterAsync(string subject, AvroSchema schema, CancellationToken cancellationToken = default) =>
            Guard() ?? inner.RegisterAsync(subject, schema, cancellationToken);

        public Task<AvroSchema> GetSchemaAsync(int id, CancellationToken cancellationToken = default)
        {
            if (Down)
            {
                Interlocked.Increment(ref refused);
                throw new SchemaRegistryException("Schema Registry at http://registry:8081 failed 3 time(s) for GET /schemas/ids/1; last: Connection refused.");
            }

            return inner.GetSchemaAsync(id, cancellationToken);
        }

        public Task<bool> IsCompatibleAsync(string subject, AvroSchema schema, CancellationToken cancellationToken = default) =>
            inner.IsCompatibleAsync(subject, schema, cancellationToken);

        private Task<int>? Guard() => Down ? throw new SchemaRegistryException("Connection refused.") : null;
    }
}
