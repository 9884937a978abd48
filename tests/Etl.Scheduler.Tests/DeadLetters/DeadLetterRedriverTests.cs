using Confluent.Kafka;
using Etl.Kafka.Registry;
using etl.tweets;
using Etl.Scheduler.DeadLetters;
using Etl.Testing.Kafka;
using Etl.Worker.DevStack;

namespace Etl.Scheduler.Tests.DeadLetters;

public sealed class DeadLetterRedriverTests : IDisposable
{
    private readonly KafkaMockCluster _kafka = KafkaMockCluster.WithBrokers(1);

    [Fact]
    public async Task Redrive_sends_back_what_can_now_succeed_with_its_original_key_and_commits_so_a_second_run_finds_nothing()
    {
        var dlq = _kafka.CreateTopic("dlq", 1);
        var raw = _kafka.CreateTopic("raw", 1);
        await using var server = await SchemaRegistryServer.StartAsync();
        using var registry = server.CreateClient();
        await SchemaRegistration.RegisterProjectSchemasAsync(registry, raw, dlq);
        var tweetBytes = await AvroSerdes.Serializer<Tweet>(registry).SerializeAsync(
            new Tweet { Id = 7, CreatedAt = DateTimeOffset.UnixEpoch, Text = "hello", User = new TweetUser { Id = 1, ScreenName = "a" } },
            new SerializationContext(MessageComponentType.Value, raw));
        var letters = AvroSerdes.Serializer<DeadLetter>(registry);
        using (var producer = new ProducerBuilder<byte[]?, byte[]>(_kafka.ProducerConfig()).Build())
        {
            foreach (var (key, letter) in new[]
            {
                ("k-429", Letter(DeadLetterStage.index, 429, tweetBytes)),
                ("k-400", Letter(DeadLetterStage.index, 400, tweetBytes)),
                ("k-garbage", Letter(DeadLetterStage.deserialize, null, "not avro"u8.ToArray())),
                ("k-decodes", Letter(DeadLetterStage.deserialize, null, tweetBytes)),
            })
            {
                var value = await letters.SerializeAsync(letter with { Key = System.Text.Encoding.UTF8.GetBytes(key) }, new SerializationContext(MessageComponentType.Value, dlq));
                await producer.ProduceAsync(dlq, new Message<byte[]?, byte[]> { Key = System.Text.Encoding.UTF8.GetBytes(key), Value = value });
            }
        }

        var options = new RedriveOptions { BootstrapServers = _kafka.BootstrapServers, DeadLetterTopic = dlq, RawTopic = raw, DrainTimeout = TimeSpan.FromSeconds(10) };

        var first = await new DeadLetterRedriver(options, registry).RunAsync(CancellationToken.None);
        var second = await new DeadLetterRedriver(options, registry).RunAsync(CancellationToken.None);

        Assert.Equal(4, first["dead_letters_read"]);
        Assert.Equal(2, first["redriven"]);
        Assert.Equal(1, first["transient_index_failure"]);
        Assert.Equal(1, first["now_decodes"]);
        Assert.Equal(1, first["document_rejected"]);
        Assert.Equal(1, first["still_undecodable"]);
        Assert.Equal(0, second["dead_letters_read"]);
        var resent = Consume(raw, 2);
        Assert.Equal(["k-429", "k-decodes"], resent.Select(m => System.Text.Encoding.UTF8.GetString(m.Key!)).Order());
        Assert.All(resent, m => Assert.Equal(tweetBytes, m.Value));
    }

    public void Dispose() => _kafka.Dispose();

    private static DeadLetter Letter(DeadLetterStage stage, int? status, byte[] value) => new()
    {
        SourceTopic = "tweets.raw",
        SourcePartition = 0,
        SourceOffset = 1,
        Value = value,
        Stage = stage,
        ErrorType = "test",
        ErrorMessage = "test failure",
        EsStatus = status,
        FailedAt = DateTimeOffset.UnixEpoch,
    };

    private List<Message<byte[]?, byte[]>> Consume(string topic, int expected)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(_kafka.ConsumerConfig("check-" + Guid.NewGuid().ToString("N"))).Build();
        consumer.Subscribe(topic);
        var messages = new List<Message<byte[]?, byte[]>>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (messages.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                messages.Add(result.Message);
            }
        }

        consumer.Close();
        return messages;
    }
}
