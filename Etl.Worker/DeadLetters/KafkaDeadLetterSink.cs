using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Etl.Kafka.Native;
using Etl.Kafka.Registry;
using Etl.Schemas.Naming;
using etl.tweets;
using Etl.Worker.Consuming;
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

    public KafkaDeadLetterSink(ProducerConfig config, ISchemaRegistryClient registry, string topic = TopicNames.DeadLetter, ILogger? logger = null)
    {
        LibrdkafkaCheck.Ensure();
        producer = new ProducerBuilder<byte[]?, byte[]>(config)
            .SetLogHandler(KafkaLogLevels.Handler<IProducer<byte[]?, byte[]>>(logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance))
            .Build();
        // The DeadLetter schema is registered by `etl-worker setup`; `run` only looks its id up.
        serializer = AvroSerdes.Serializer<DeadLetter>(registry);
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
            Headers = Headers(record),
        };
        await producer.ProduceAsync(topic, message, cancellationToken);
    }

    /// <summary>The stage, and the re-drive bookkeeping of the source record so re-drive can refuse to loop it.</summary>
    public static Headers Headers(FailedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var headers = new Headers { { HeaderNames.Stage, System.Text.Encoding.ASCII.GetBytes(record.Stage.Symbol()) } };
        foreach (var header in record.Headers ?? [])
        {
            if (header.Key is HeaderNames.RedrivenFrom or HeaderNames.RedriveCount)
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        return headers;
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
