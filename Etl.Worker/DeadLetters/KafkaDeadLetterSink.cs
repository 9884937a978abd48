using Confluent.Kafka;
using Etl.Kafka.Native;
using Etl.Schemas.Naming;
using Etl.Schemas.Records;
using Etl.Schemas.Registry;
using Etl.Schemas.Serdes;
using Etl.Worker.Indexing;
using Etl.Worker.Pipeline;

namespace Etl.Worker.DeadLetters;

/// <summary>
/// Produces Avro <c>DeadLetter</c> records to <c>tweets.dlq</c> (key = the failed record's key) and completes only
/// when Kafka acknowledged them, so a record is never marked done before its dead letter is stored.
/// </summary>
public sealed class KafkaDeadLetterSink : IDeadLetterSink, IDisposable
{
    private readonly IProducer<byte[]?, byte[]> producer;
    private readonly AvroSerializer<DeadLetter> serializer;
    private readonly string topic;

    public KafkaDeadLetterSink(ProducerConfig config, ISchemaRegistry registry, string topic = TopicNames.DeadLetter)
    {
        LibrdkafkaLoader.EnsureLoaded();
        producer = new ProducerBuilder<byte[]?, byte[]>(config).SetLogHandler((_, _) => { }).Build();
        serializer = new AvroSerializer<DeadLetter>(registry, DeadLetterAvroCodec.Instance);
        this.topic = topic;
    }

    public async Task SendAsync(FailedRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var value = await serializer.SerializeAsync(ToDeadLetter(record), new SerializationContext(MessageComponentType.Value, topic));
        var message = new Message<byte[]?, byte[]>
        {
            Key = record.Key,
            Value = value,
            Headers = [new Header("etl-stage", System.Text.Encoding.ASCII.GetBytes(record.Stage.Symbol()))],
        };
        await producer.ProduceAsync(topic, message, cancellationToken);
    }

    public static DeadLetter ToDeadLetter(FailedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new DeadLetter
        {
            SourceTopic = record.Topic,
            SourcePartition = record.Partition,
            SourceOffset = record.Offset,
            SourceTimestamp = record.Timestamp,
            Key = record.Key,
            Value = record.Value,
            Stage = record.Stage,
            ErrorType = record.ErrorType,
            ErrorMessage = record.ErrorMessage,
            EsStatus = record.ElasticsearchStatus,
            EsReason = record.ElasticsearchReason,
            Attempts = record.Attempts,
            FailedAt = record.FailedAt,
        };
    }

    public void Dispose()
    {
        producer.Flush(TimeSpan.FromSeconds(10));
        producer.Dispose();
    }
}
