using System.Globalization;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Etl.Kafka.Native;
using Etl.Kafka.Registry;
using Etl.Schemas.Naming;
using etl.tweets;

namespace Etl.Worker.Producing;

/// <summary>
/// Produces Avro tweets in Confluent wire format to <c>tweets.raw</c>, key = tweet id, with the idempotent producer.
/// Shared by <c>replay</c>, <c>generate --kafka</c>, <c>stream</c> and the demo. Values go through Confluent's Avro
/// serializer; the schema must be registered already (<c>etl-worker setup</c>) unless <c>autoRegister</c> is set.
/// </summary>
public sealed class TweetProducer : IDisposable
{
    private readonly IProducer<byte[], byte[]> producer;
    private readonly AvroSerializer<Tweet> serializer;
    private readonly string topic;
    private readonly SerializationContext context;
    private long delivered;
    private long failed;
    private string? lastError;

    public TweetProducer(ProducerConfig config, ISchemaRegistryClient registry, string topic = TopicNames.Raw, bool autoRegister = false)
    {
        LibrdkafkaCheck.Ensure();
        var c = new ProducerConfig(new Dictionary<string, string>(config)) { EnableIdempotence = true, Acks = Acks.All };
        producer = new ProducerBuilder<byte[], byte[]>(c).SetLogHandler((_, _) => { }).Build();
        serializer = AvroSerdes.Serializer<Tweet>(registry, autoRegister);
        this.topic = topic;
        context = new SerializationContext(MessageComponentType.Value, topic);
    }

    public long Delivered => Interlocked.Read(ref delivered);

    public long Failed => Interlocked.Read(ref failed);

    public string? LastError => Volatile.Read(ref lastError);

    /// <summary>Queues one tweet; delivery is confirmed asynchronously (see <see cref="Flush"/>).</summary>
    public async Task ProduceAsync(Tweet tweet)
    {
        ArgumentNullException.ThrowIfNull(tweet);
        var value = await serializer.SerializeAsync(tweet, context);
        var key = System.Text.Encoding.ASCII.GetBytes(tweet.Id.ToString(CultureInfo.InvariantCulture));
        while (true)
        {
            try
            {
                producer.Produce(topic, new Message<byte[], byte[]> { Key = key, Value = value }, OnDelivery);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Backpressure from librdkafka's local queue: let deliveries drain, then try again.
                producer.Poll(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    /// <summary>Waits until every queued tweet is acknowledged or failed.</summary>
    public void Flush(TimeSpan timeout) => producer.Flush(timeout);

    public void Dispose()
    {
        producer.Flush(TimeSpan.FromSeconds(30));
        producer.Dispose();
    }

    private void OnDelivery(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref failed);
            Volatile.Write(ref lastError, report.Error.Reason);
        }
        else
        {
            Interlocked.Increment(ref delivered);
        }
    }
}
