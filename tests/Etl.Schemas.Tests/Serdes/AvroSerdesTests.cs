using Confluent.Kafka;
using Etl.Schemas.Avro;
using Etl.Schemas.Naming;
using etl.tweets;
using Etl.Schemas.Records;
using Etl.Schemas.Registry;
using Etl.Schemas.Serdes;
using Etl.Schemas.Tests.Records;

namespace Etl.Schemas.Tests.Serdes;

public class AvroSerdesTests
{
    private static readonly SerializationContext ValueContext = new(MessageComponentType.Value, TopicNames.Raw);

    [Fact]
    public async Task Serialized_tweet_is_confluent_framed_and_deserializes_back()
    {
        var registry = new InMemorySchemaRegistry();
        var serializer = new AvroSerializer<Tweet>(registry, TweetAvroCodec.Instance);
        var bytes = await serializer.SerializeAsync(SampleTweets.Full(), ValueContext);

        var id = await registry.RegisterAsync(SubjectNames.ForValue(TopicNames.Raw), AvroRecordSchemas.Tweet);
        Assert.Equal(0, bytes[0]);
        Assert.Equal(id, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)));

        var deserializer = new AvroDeserializer<Tweet>(registry, TweetAvroCodec.Instance);
        var tweet = deserializer.Deserialize(bytes, false, ValueContext);
        Assert.Equal(serializer.Serialize(SampleTweets.Full(), id), serializer.Serialize(tweet, id));
    }

    [Fact]
    public async Task Record_from_an_older_producer_schema_is_resolved_by_the_deserializer()
    {
        var registry = new InMemorySchemaRegistry();
        var old = AvroSchema.Parse("""
            {"type":"record","name":"Tweet","namespace":"etl.tweets","fields":[
              {"name":"id","type":"long"},
              {"name":"created_at","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"text","type":"string"},
              {"name":"user","type":{"type":"record","name":"TweetUser","fields":[{"name":"id","type":"long"},{"name":"screen_name","type":"string"}]}}
            ]}
            """);
        var oldId = await registry.RegisterAsync(SubjectNames.ForValue(TopicNames.Raw), old);
        var record = new GenericRecord((RecordSchema)old) { ["id"] = 1L, ["created_at"] = 0L, ["text"] = "hi" };
        record["user"] = new GenericRecord((RecordSchema)((RecordSchema)old).GetField("user")!.Schema) { ["id"] = 2L, ["screen_name"] = "s" };
        var writer = new AvroBinaryWriter();
        ConfluentWireFormat.WriteHeader(writer, oldId);
        new GenericDatumWriter(old).Write(writer, record);

        // The current schema is a BACKWARD-compatible evolution, so the registry accepts it as the next version.
        var newId = await registry.RegisterAsync(SubjectNames.ForValue(TopicNames.Raw), AvroRecordSchemas.Tweet);
        Assert.NotEqual(oldId, newId);

        var tweet = new AvroDeserializer<Tweet>(registry, TweetAvroCodec.Instance).Deserialize(writer.WrittenSpan, false, ValueContext);
        Assert.Equal("hi", tweet.Text);
        Assert.Equal("s", tweet.User.ScreenName);
        Assert.Null(tweet.Place);
    }

    [Fact]
    public void Unknown_magic_byte_short_message_and_unknown_schema_id_fail_with_specific_exceptions()
    {
        var deserializer = new AvroDeserializer<Tweet>(new InMemorySchemaRegistry(), TweetAvroCodec.Instance);
        var magic = Assert.Throws<AvroWireFormatException>(() => deserializer.Deserialize(new byte[] { 1, 0, 0, 0, 1, 2 }, false, ValueContext));
        Assert.Contains("magic byte 0x01", magic.Message, StringComparison.Ordinal);
        Assert.Throws<AvroWireFormatException>(() => deserializer.Deserialize(new byte[] { 0, 0 }, false, ValueContext));
        var unknown = Assert.Throws<SchemaNotFoundException>(() => deserializer.Deserialize(new byte[] { 0, 0, 0, 0, 77, 2 }, false, ValueContext));
        Assert.Equal(77, unknown.SchemaId);
    }

    [Fact]
    public async Task Corrupt_body_fails_with_an_offset_counted_from_the_start_of_the_message()
    {
        var registry = new InMemorySchemaRegistry();
        var bytes = await new AvroSerializer<Tweet>(registry, TweetAvroCodec.Instance).SerializeAsync(SampleTweets.Full(), ValueContext);
        var truncated = bytes.AsSpan(0, 40).ToArray();
        var ex = Assert.ThrowsAny<AvroDecodeException>(() => new AvroDeserializer<Tweet>(registry, TweetAvroCodec.Instance).Deserialize(truncated, false, ValueContext));
        Assert.InRange(ex.ByteOffset!.Value, ConfluentWireFormat.HeaderSize, truncated.Length);
        Assert.False(string.IsNullOrEmpty(ex.FieldPath));
    }

    [Fact]
    public async Task Registry_refuses_a_version_that_breaks_backward_compatibility()
    {
        var registry = new InMemorySchemaRegistry();
        var subject = SubjectNames.ForValue("t");
        await registry.RegisterAsync(subject, AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}"""));
        var breaking = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}""");
        Assert.False(await registry.IsCompatibleAsync(subject, breaking));
        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.RegisterAsync(subject, breaking));
        Assert.Equal(409, ex.StatusCode);
    }
}
