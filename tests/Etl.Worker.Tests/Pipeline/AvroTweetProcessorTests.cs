using System.Buffers.Binary;
using System.Text;
using Confluent.Kafka;
using Etl.Enrichment.Enriching;
using Etl.Kafka.Registry;
using etl.tweets;
using Etl.Testing.Kafka;
using Etl.Worker.DeadLetters;
using Etl.Worker.Generation;
using Etl.Worker.Mapping;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>Records that do not decode reach the dead-letter topic, as Avro, with their bytes and a reason that names the problem.</summary>
public sealed class AvroTweetProcessorTests : IClassFixture<KafkaMockCluster>
{
    private readonly KafkaMockCluster kafka;

    public AvroTweetProcessorTests(KafkaMockCluster kafka) => this.kafka = kafka;

    [Fact]
    public async Task Unknown_schema_id_truncated_payload_and_non_avro_payload_are_dead_lettered_with_their_bytes_and_the_problem()
    {
        var topic = kafka.CreateTopic("bad-avro", partitions: 1);
        var dlqTopic = kafka.CreateTopic("bad-avro-dlq", partitions: 1);
        await using var registry = await LocalRegistry.StartAsync(topic, dlqTopic);
        var tweet = TweetRecordMapper.ToAvro(new TweetGenerator(new GeneratorSettings { Count = 1, Seed = 5 }).Generate().First().Tweet);
        var good = await AvroSerdes.Serializer<Tweet>(registry.Client).SerializeAsync(tweet, new SerializationContext(MessageComponentType.Value, topic));
        var unknownId = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32BigEndian(unknownId.AsSpan(1), 9999);
        var truncated = good[..(good.Length / 2)];
        var notAvro = Encoding.UTF8.GetBytes("{\"id\": 1, \"text\": \"JSON, not Avro\"}");
        var bad = new Dictionary<string, byte[]> { ["unknown-id"] = unknownId, ["truncated"] = truncated, ["not-avro"] = notAvro };
        using (var producer = new ProducerBuilder<string, byte[]>(kafka.ProducerConfig()).Build())
        {
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = "good", Value = good });
            foreach (var (key, value) in bad)
            {
                await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = value });
            }
        }

        var sink = new ScriptedSink();
        using var deadLetters = new KafkaDeadLetterSink(kafka.ProducerConfig(), registry.Client, dlqTopic);
        var metrics = new PipelineMetrics(meterName: "test-" + Guid.NewGuid().ToString("N"));
        var options = new PipelineOptions { Topic = topic, GroupId = "g-" + Guid.NewGuid().ToString("N"), BatchLinger = TimeSpan.FromMilliseconds(50) };
        using var pipeline = new IngestPipeline(options, kafka.ConsumerConfig(options.GroupId), new AvroTweetProcessor(registry.Client, TweetEnricher.CreateDefault()),
            sink, deadLetters, metrics, NullLogger<IngestPipeline>.Instance);
        using var stop = new CancellationTokenSource();
        var run = pipeline.RunAsync(stop.Token);
        await PipelineTestKit.WaitForAsync(() => sink.DistinctIds.Count == 1 && metrics.DeadLettered == 3);
        await stop.CancelAsync();
        await run;

        Assert.Equal([tweet.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], sink.DistinctIds);
        var letters = ReadDeadLetters(dlqTopic, registry, expected: 3);
        Assert.Equal(bad.Keys.Order(), letters.Keys.Order());
        foreach (var (key, letter) in letters)
        {
            Assert.Equal(bad[key], letter.Value);
            Assert.Equal(DeadLetterStage.deserialize, letter.Stage);
            Assert.Equal(topic, letter.SourceTopic);
        }

        Assert.Contains("unknown schema id 9999", letters["unknown-id"].ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("truncated or invalid Avro body", letters["truncated"].ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("bad magic byte 0x7b", letters["not-avro"].ErrorMessage, StringComparison.Ordinal);
    }

    private Dictionary<string, DeadLetter> ReadDeadLetters(string topic, LocalRegistry registry, int expected)
    {
        using var consumer = new ConsumerBuilder<string, DeadLetter>(kafka.ConsumerConfig("g-" + Guid.NewGuid().ToString("N")))
            .SetValueDeserializer(registry.Deserializer<DeadLetter>())
            .Build();
        consumer.Subscribe(topic);
        var letters = new Dictionary<string, DeadLetter>();
        var deadline = DateTime.UtcNow + PipelineTestKit.Patience;
        while (letters.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                letters[result.Message.Key] = result.Message.Value;
            }
        }

        consumer.Close();
        return letters;
    }
}
