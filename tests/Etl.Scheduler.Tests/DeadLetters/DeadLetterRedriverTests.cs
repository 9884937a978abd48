using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Etl.Schemas.Naming;
using Etl.Schemas.Records;
using Etl.Schemas.Registry;
using Etl.Schemas.Serdes;
using Etl.Scheduler.DeadLetters;
using Etl.Testing.Kafka;

namespace Etl.Scheduler.Tests.DeadLetters;

public sealed class DeadLetterRedriverTests : IDisposable
{
    private readonly KafkaMockCluster _kafka = KafkaMockCluster.WithBrokers(1);

    [Fact]
    public async Task Redrive_sends_back_what_can_now_succeed_with_its_original_key_and_commits_so_a_second_run_finds_nothing()
    {
        var dlq = _kafka.CreateTopic("dlq", 1);
        var raw = _kafka.CreateTopic("raw", 1);
        var registry = new InMemorySchemaRegistry();
        var tweetBytes = await new AvroSerializer<Tweet>(registry, TweetAvroCodec.Instance).SerializeAsync(
            new Tweet { Id = 7, CreatedAt = DateTimeOffset.UnixEpoch, Text = "hello", User = new TweetUser { Id = 1, ScreenName = "a" } },
            new SerializationContext(MessageComponentType.Value, raw));
        var letters = new AvroSerializer<DeadLetter>(registry, DeadLetterAvroCodec.Instance);
        using (var producer = new ProducerBuilder<byte[]?, byte[]>(_kafka.ProducerConfig()).Build())
        {
            foreach (var (key, letter) in new[]
            {
                ("k-429", Letter(DeadLetterStage.Index, 429, tweetBytes)),
                ("k-400", Letter(DeadLetterStage.Index, 400, tweetBytes)),
                ("k-garbage", Letter(DeadLetterStage.Deserialize, null, "not avro"u8.ToArray())),
                ("k-decodes", Letter(DeadLetterStage.Deserialize, null, tweetBytes)),
            })
            {
                var value = await letters.SerializeAsync(letter with { Key = System.Text.Encoding.UTF8.GetBytes(key) }, new SerializationContext(MessageComponentType.Value, dlq));
                await producer.ProduceAsync(dlq, new Message<byte[]?, byte[]> { Key = System.Text.Encoding.UTF8.GetBytes(key), Value = value });
            }
        }

        var options = Options(dlq, raw);

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

    [Fact]
    public async Task A_record_that_fails_after_every_redrive_goes_round_at_most_MaxRedrives_times_then_is_reported_skipped()
    {
        var dlq = _kafka.CreateTopic("dlq-loop", 1);
        var raw = _kafka.CreateTopic("raw-loop", 1);
        var registry = new InMemorySchemaRegistry();
        var letters = new AvroSerializer<DeadLetter>(registry, DeadLetterAvroCodec.Instance);
        var letter = Letter(DeadLetterStage.Index, 503, "tweet bytes"u8.ToArray()) with { Key = "k-503"u8.ToArray() };
        var value = await letters.SerializeAsync(letter, new SerializationContext(MessageComponentType.Value, dlq));
        using var producer = new ProducerBuilder<byte[]?, byte[]>(_kafka.ProducerConfig()).Build();
        await producer.ProduceAsync(dlq, new Message<byte[]?, byte[]> { Key = letter.Key, Value = value });
        var options = Options(dlq, raw);
        options.MaxRedrives = 2;

        var runs = new List<JobFiguresView>();
        for (var round = 1; round <= 3; round++)
        {
            var figures = await new DeadLetterRedriver(options, registry).RunAsync(CancellationToken.None);
            runs.Add(new JobFiguresView(figures["redriven"], figures["skipped_redrive_limit"]));
            if (figures["redriven"] == 0)
            {
                continue;
            }

            // The worker fails the re-driven record again (Elasticsearch still answers 503): its dead letter carries
            // the re-drive headers of the record, as the worker's dead-letter sink writes them.
            var resent = Consume(raw, round).Last();
            Assert.Equal(round.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(resent, HeaderNames.RedriveCount));
            Assert.Equal($"0:{round - 1}", Header(resent, HeaderNames.RedrivenFrom));
            var again = new Headers();
            foreach (var header in resent.Headers.Where(h => h.Key is HeaderNames.RedriveCount or HeaderNames.RedrivenFrom))
            {
                again.Add(header.Key, header.GetValueBytes());
            }

            await producer.ProduceAsync(dlq, new Message<byte[]?, byte[]> { Key = letter.Key, Value = value, Headers = again });
        }

        Assert.Equal([new(1, 0), new(1, 0), new(0, 1)], runs);
        Assert.Equal(2, Consume(raw, 3).Count);
    }

    [Fact]
    public void Redrive_connects_with_the_kafka_security_settings_the_worker_reads()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "kafka-1:9093,kafka-2:9093",
            ["Kafka:SecurityProtocol"] = "sasl_ssl",
            ["Kafka:SaslMechanism"] = "SCRAM-SHA-512",
            ["Kafka:SaslUsername"] = "etl",
            ["Kafka:SaslPassword"] = "secret",
            ["Kafka:Properties:client.rack"] = "eu-1a",
        }).Build();
        var options = new RedriveOptions();
        configuration.GetSection(RedriveOptions.SectionName).Bind(options);

        foreach (var config in new Confluent.Kafka.ClientConfig[] { options.ToConsumerConfig(), options.ToProducerConfig() })
        {
            var properties = config.ToDictionary(p => p.Key, p => p.Value);
            Assert.Equal("kafka-1:9093,kafka-2:9093", properties["bootstrap.servers"]);
            Assert.Equal("sasl_ssl", properties["security.protocol"]);
            Assert.Equal("SCRAM-SHA-512", properties["sasl.mechanism"]);
            Assert.Equal("etl", properties["sasl.username"]);
            Assert.Equal("secret", properties["sasl.password"]);
            Assert.Equal("eu-1a", properties["client.rack"]);
        }

        Assert.True(new RedriveOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Redrive_options_report_every_problem_with_the_key_and_a_fix()
    {
        var options = new RedriveOptions { MaxRedrives = 0, SecurityProtocol = "tls", SaslUsername = "etl", RawTopic = "tweets.dlq" };

        var result = new RedriveOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("Kafka:MaxRedrives is 0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Kafka:SecurityProtocol 'tls'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Kafka:SaslUsername and Kafka:SaslPassword", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("would read what it writes", StringComparison.Ordinal));
    }

    private sealed record JobFiguresView(long Redriven, long Skipped);

    /// <summary>
    /// Each run joins the re-drive group anew. The mock coordinator makes a member that joins after the previous one
    /// left wait session.timeout.ms − 1 s (44 s at librdkafka's default, longer than a run waits for records), so the
    /// session is short here, passed as users pass any librdkafka key.
    /// </summary>
    private RedriveOptions Options(string dlq, string raw)
    {
        _kafka.Cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        var options = new RedriveOptions { BootstrapServers = _kafka.BootstrapServers, DeadLetterTopic = dlq, RawTopic = raw, DrainTimeout = TimeSpan.FromSeconds(10) };
        options.Properties["session.timeout.ms"] = "6000";
        options.Properties["heartbeat.interval.ms"] = "500";
        return options;
    }

    private static string Header(Message<byte[]?, byte[]> message, string name) =>
        message.Headers.TryGetLastBytes(name, out var bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : "";

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
