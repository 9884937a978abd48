using Confluent.Kafka;
using etl.tweets;
using Etl.Testing.Kafka;
using Etl.Worker.DeadLetters;
using Etl.Worker.Pipeline;

namespace Etl.Worker.Tests.DeadLetters;

public sealed class KafkaDeadLetterSinkTests : IClassFixture<KafkaMockCluster>
{
    private readonly KafkaMockCluster kafka;

    public KafkaDeadLetterSinkTests(KafkaMockCluster kafka) => this.kafka = kafka;

    [Fact]
    public async Task A_dead_letter_is_an_avro_record_with_the_original_bytes_and_elasticsearch_reason()
    {
        var topic = kafka.CreateTopic("dlq", partitions: 1);
        await using var registry = await LocalRegistry.StartAsync(deadLetterTopic: topic);
        var failed = new FailedRecord
        {
            Topic = "tweets.raw",
            Partition = 4,
            Offset = 1234,
            Timestamp = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero),
            Key = "1790000000000000001"u8.ToArray(),
            Value = [0, 0, 0, 0, 1, 0xFF, 0x10],
            Stage = DeadLetterStage.index,
            ErrorType = "document_parsing_exception",
            ErrorMessage = "Elasticsearch rejected the document",
            ElasticsearchStatus = 400,
            ElasticsearchReason = "failed to parse field [retweet_count]",
            Attempts = 1,
            FailedAt = new DateTimeOffset(2024, 5, 1, 10, 0, 1, TimeSpan.Zero),
        };
        using (var sink = new KafkaDeadLetterSink(kafka.ProducerConfig(), registry.Client, topic))
        {
            await sink.SendAsync(failed, CancellationToken.None);
        }

        using var consumer = new ConsumerBuilder<byte[], DeadLetter>(kafka.ConsumerConfig("g-" + Guid.NewGuid().ToString("N")))
            .SetValueDeserializer(registry.Deserializer<DeadLetter>())
            .Build();
        consumer.Subscribe(topic);
        var result = consumer.Consume(TimeSpan.FromSeconds(30));

        Assert.NotNull(result);
        Assert.Equal(failed.Key, result.Message.Key);
        var letter = result.Message.Value;
        Assert.Equal(failed.Value, letter.Value);
        Assert.Equal(DeadLetterStage.index, letter.Stage);
        Assert.Equal(400, letter.EsStatus);
        Assert.Equal("failed to parse field [retweet_count]", letter.EsReason);
        Assert.Equal(("tweets.raw", 4, 1234L), (letter.SourceTopic, letter.SourcePartition, letter.SourceOffset));
        consumer.Close();
    }
}
