using Confluent.Kafka;
using Etl.Schemas.Records;
using Etl.Schemas.Registry;
using Etl.Schemas.Serdes;
using Etl.Testing.Kafka;
using Etl.Worker.DeadLetters;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>The dead-letter stage against a real (mock) dead-letter topic that refuses what it cannot take.</summary>
public sealed class DeadLetterFaultTests(KafkaMockCluster kafka) : IClassFixture<KafkaMockCluster>
{
    [Fact]
    public async Task A_dead_letter_too_large_for_the_topic_is_stored_truncated_with_key_partition_offset_and_reason_and_the_offset_advances()
    {
        const int count = 500;
        var topic = kafka.CreateTopic("dlq-too-large", partitions: 2);
        // An undecodable record far bigger than the dead-letter producer may send: its dead letter carries the value.
        var huge = new string('x', 20_000);
        await PipelineTestKit.ProduceAsync(kafka, topic, Enumerable.Range(0, count).Select(i => ($"tweet:{i}", $"tweet:{i}")).Append(("poison-key", huge)));
        var dlqTopic = kafka.CreateTopic("dlq-too-large-letters", partitions: 1);
        var registry = new InMemorySchemaRegistry();
        var producerConfig = kafka.ProducerConfig();
        producerConfig.MessageMaxBytes = 8_192;
        producerConfig.BatchSize = 8_192;
        var logger = new CapturingLogger<IngestPipeline>();
        using var deadLetters = new KafkaDeadLetterSink(producerConfig, registry, dlqTopic);
        var sink = new ScriptedSink();
        var metrics = new PipelineMetrics(meterName: "test-" + Guid.NewGuid().ToString("N"));
        var options = new PipelineOptions
        {
            Topic = topic,
            GroupId = "g-" + Guid.NewGuid().ToString("N"),
            BatchMaxDocuments = 100,
            BatchLinger = TimeSpan.FromMilliseconds(50),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            CommitInterval = TimeSpan.FromMilliseconds(200),
            EnrichParallelism = 2,
        };
        var pipeline = new IngestPipeline(options, kafka.ConsumerConfig(options.GroupId), new TextRecordProcessor(), sink, deadLetters, metrics, logger);
        await using (var run = new RunningPipeline(pipeline, metrics))
        {
            await PipelineTestKit.WaitForAsync(() => sink.DistinctIds.Count == count && metrics.DeadLettered == 1);
            await run.StopAsync();
        }

        var letter = Assert.Single(ReadDeadLetters(dlqTopic, registry, expected: 1));
        var poison = await FindAsync(topic, "poison-key");
        Assert.Equal("poison-key"u8.ToArray(), letter.Key);
        Assert.Equal(topic, letter.SourceTopic);
        Assert.Equal(poison.Partition.Value, letter.SourcePartition);
        Assert.Equal(poison.Offset.Value, letter.SourceOffset);
        Assert.Equal(DeadLetterStage.Deserialize, letter.Stage);
        Assert.Null(letter.Value);
        // The reason the record failed, and the reason its letter is short, both there for whoever reads the DLQ.
        Assert.Contains("not a tweet", letter.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("dead letter truncated", letter.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, logger.Count(Microsoft.Extensions.Logging.LogLevel.Warning, "too large"));
        // The partition did not freeze: everything, the poison record included, is committed.
        Assert.Equal(count + 1, Committed(topic, options.GroupId, partitions: 2));
    }

    private async Task<TopicPartitionOffset> FindAsync(string topic, string key)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(kafka.ConsumerConfig("find-" + Guid.NewGuid().ToString("N"))).Build();
        consumer.Subscribe(topic);
        var deadline = DateTime.UtcNow + PipelineTestKit.Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result && result.Message.Key == key)
            {
                consumer.Close();
                return result.TopicPartitionOffset;
            }
        }

        await Task.CompletedTask;
        throw new InvalidOperationException($"no record with key {key} in {topic}");
    }

    private long Committed(string topic, string group, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.ConsumerConfig(group)).Build();
        return consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(30))
            .Sum(o => Math.Max(0, o.Offset.Value));
    }

    private List<DeadLetter> ReadDeadLetters(string topic, InMemorySchemaRegistry registry, int expected)
    {
        using var consumer = new ConsumerBuilder<byte[], DeadLetter>(kafka.ConsumerConfig("g-" + Guid.NewGuid().ToString("N")))
            .SetValueDeserializer(new AvroDeserializer<DeadLetter>(registry, DeadLetterAvroCodec.Instance))
            .Build();
        consumer.Subscribe(topic);
        var letters = new List<DeadLetter>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline && letters.Count <= expected)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                letters.Add(result.Message.Value);
            }
            else if (letters.Count == expected)
            {
                break;
            }
        }

        consumer.Close();
        return letters;
    }
}
