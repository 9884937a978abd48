using Confluent.Kafka;
using etl.tweets;
using Etl.Testing.Kafka;
using Etl.Worker.Cli;
using Etl.Worker.Generation;
using Etl.Worker.Producing;

namespace Etl.Worker.Tests.Producing;

public sealed class TweetFileReplayerTests : IClassFixture<KafkaMockCluster>
{
    private readonly KafkaMockCluster kafka;

    public TweetFileReplayerTests(KafkaMockCluster kafka) => this.kafka = kafka;

    [Fact]
    public async Task Every_tweet_of_a_file_arrives_as_avro_keyed_by_id_and_a_bad_line_is_reported_with_its_number()
    {
        var file = Path.GetTempFileName();
        try
        {
            GenerateCommand.WriteJsonLines(new GeneratorSettings { Count = 200, Seed = 4 }, file);
            var lines = File.ReadAllLines(file).ToList();
            lines.Insert(10, "{\"id_str\": \"12\", \"text\": ");
            File.WriteAllLines(file, lines);

            var topic = kafka.CreateTopic("replay", partitions: 2);
            await using var registry = await LocalRegistry.StartAsync(topic);
            var errors = new StringWriter();
            TweetFileReplayer replayer;
            using (var producer = new TweetProducer(kafka.ProducerConfig(), registry.Client, topic))
            {
                replayer = new TweetFileReplayer(producer, errors);
                await replayer.ReplayAsync(new FileInfo(file), tweetsPerSecond: 0, loop: false, CancellationToken.None);
                producer.Flush(TimeSpan.FromSeconds(30));
                Assert.Equal(200, producer.Delivered);
            }

            Assert.Equal(200, replayer.Sent);
            Assert.Equal(1, replayer.BadLines);
            Assert.StartsWith($"{Path.GetFileName(file)}:11:", errors.ToString(), StringComparison.Ordinal);

            using var consumer = new ConsumerBuilder<string, Tweet>(kafka.ConsumerConfig("g-" + Guid.NewGuid().ToString("N")))
                .SetValueDeserializer(registry.Deserializer<Tweet>())
                .Build();
            consumer.Subscribe(topic);
            var ids = new HashSet<long>();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (ids.Count < 200 && DateTime.UtcNow < deadline)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result is not null)
                {
                    Assert.Equal(result.Message.Value.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Message.Key);
                    ids.Add(result.Message.Value.Id);
                }
            }

            consumer.Close();
            Assert.Equal(200, ids.Count);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
