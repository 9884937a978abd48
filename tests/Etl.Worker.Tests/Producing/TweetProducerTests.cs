using System.Buffers.Binary;
using Avro.Generic;
using Avro.IO;
using Confluent.Kafka;
using Etl.Kafka.Registry;
using Etl.Schemas.Naming;
using Etl.Testing.Kafka;
using Etl.Worker.Generation;
using Etl.Worker.Mapping;
using Etl.Worker.Producing;

namespace Etl.Worker.Tests.Producing;

/// <summary>What the producer puts on Kafka is the Confluent wire format any other client reads.</summary>
public sealed class TweetProducerTests : IClassFixture<KafkaMockCluster>
{
    private readonly KafkaMockCluster kafka;

    public TweetProducerTests(KafkaMockCluster kafka) => this.kafka = kafka;

    [Fact]
    public async Task Produced_value_is_magic_byte_zero_then_the_big_endian_schema_id_then_avro_a_plain_generic_reader_decodes()
    {
        var topic = kafka.CreateTopic("wire", partitions: 1);
        await using var registry = await LocalRegistry.StartAsync(topic, TopicNames.DeadLetter);
        var tweet = TweetRecordMapper.ToAvro(new TweetGenerator(new GeneratorSettings { Count = 1, Seed = 9 }).Generate().First().Tweet);
        using (var producer = new TweetProducer(kafka.ProducerConfig(), registry.Client, topic))
        {
            await producer.ProduceAsync(tweet);
            producer.Flush(TimeSpan.FromSeconds(30));
            Assert.Equal(1, producer.Delivered);
        }

        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.ConsumerConfig("g-" + Guid.NewGuid().ToString("N"))).Build();
        consumer.Subscribe(topic);
        var message = consumer.Consume(TimeSpan.FromSeconds(30)) ?? throw new TimeoutException("nothing produced");
        consumer.Close();
        var value = message.Message.Value;

        var registered = await registry.Client.GetLatestSchemaAsync(SchemaRegistration.SubjectFor(topic));
        Assert.Equal(0, value[0]);
        Assert.Equal(registered.Id, BinaryPrimitives.ReadInt32BigEndian(value.AsSpan(1, 4)));
        var writer = Avro.Schema.Parse((await registry.Client.GetSchemaAsync(registered.Id)).SchemaString);
        using var body = new MemoryStream(value, 5, value.Length - 5);
        var record = new GenericDatumReader<GenericRecord>(writer, writer).Read(null!, new BinaryDecoder(body));
        Assert.Equal(body.Length, body.Position);
        Assert.Equal(tweet.Id, record["id"]);
        Assert.Equal(tweet.Text, record["text"]);
        Assert.Equal(tweet.User.ScreenName, ((GenericRecord)record["user"])["screen_name"]);
        Assert.Equal(tweet.CreatedAt.ToUnixTimeMilliseconds(), new DateTimeOffset((DateTime)record["created_at"]).ToUnixTimeMilliseconds());
        Assert.Equal(tweet.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Text.Encoding.ASCII.GetString(message.Message.Key));
    }

    [Fact]
    public async Task A_producer_refuses_a_topic_whose_schema_setup_did_not_register()
    {
        var topic = kafka.CreateTopic("unregistered", partitions: 1);
        await using var registry = await LocalRegistry.StartAsync("some-other-topic", TopicNames.DeadLetter);
        var tweet = TweetRecordMapper.ToAvro(new TweetGenerator(new GeneratorSettings { Count = 1, Seed = 9 }).Generate().First().Tweet);
        using var producer = new TweetProducer(kafka.ProducerConfig(), registry.Client, topic);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => producer.ProduceAsync(tweet));

        Assert.Contains(SchemaRegistration.SubjectFor(topic), error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SchemaRegistration.SubjectFor(topic), await registry.Client.GetAllSubjectsAsync());
    }
}
