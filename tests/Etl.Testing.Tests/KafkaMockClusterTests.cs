using System.Collections.Concurrent;
using Confluent.Kafka;
using Etl.Testing.Kafka;
using Xunit;

namespace Etl.Testing.Tests;

public sealed class KafkaMockClusterTests : IClassFixture<KafkaMockCluster>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly KafkaMockCluster kafka;

    public KafkaMockClusterTests(KafkaMockCluster kafka) => this.kafka = kafka;

    [Fact]
    public async Task Ten_thousand_keyed_messages_on_six_partitions_are_consumed_exactly_once_by_a_group_of_two()
    {
        const int count = 10_000;
        var topic = kafka.CreateTopic("group", partitions: 6);
        var group = "g-" + Guid.NewGuid().ToString("N");

        using var first = new ConsumerBuilder<string, string>(kafka.ConsumerConfig(group)).Build();
        using var second = new ConsumerBuilder<string, string>(kafka.ConsumerConfig(group)).Build();
        first.Subscribe(topic);
        second.Subscribe(topic);

        // Let the group settle before producing, so no rebalance happens mid-consumption.
        var deadline = DateTime.UtcNow + Deadline;
        while ((first.Assignment.Count == 0 || second.Assignment.Count == 0 || first.Assignment.Count + second.Assignment.Count != 6)
               && DateTime.UtcNow < deadline)
        {
            first.Consume(TimeSpan.FromMilliseconds(50));
            second.Consume(TimeSpan.FromMilliseconds(50));
        }

        Assert.Equal(3, first.Assignment.Count);
        Assert.Equal(3, second.Assignment.Count);
        Assert.Empty(first.Assignment.Intersect(second.Assignment));

        await ProduceAsync(topic, count);

        var seen = new ConcurrentDictionary<string, int>();
        var received = new int[2];
        var consumers = new[] { first, second };
        while (received.Sum() < count && DateTime.UtcNow < deadline)
        {
            for (var i = 0; i < consumers.Length; i++)
            {
                var result = consumers[i].Consume(TimeSpan.FromMilliseconds(20));
                if (result is null || result.IsPartitionEOF)
                {
                    continue;
                }

                seen.AddOrUpdate(result.Message.Key, 1, (_, n) => n + 1);
                received[i]++;
                // Manual commit of the next offset to read, as the pipeline does once a record is done.
                consumers[i].Commit([new TopicPartitionOffset(result.TopicPartition, result.Offset + 1)]);
            }
        }

        Assert.Equal(count, received.Sum());
        Assert.Equal(count, seen.Count);
        Assert.All(seen.Values, n => Assert.Equal(1, n));
        Assert.True(received[0] > 0 && received[1] > 0, $"both consumers should read: {received[0]} and {received[1]}");

        // The group's committed offsets cover every message on every partition.
        var partitions = Enumerable.Range(0, 6).Select(p => new TopicPartition(topic, p)).ToList();
        var committed = first.Committed(partitions.Where(p => first.Assignment.Contains(p)), TimeSpan.FromSeconds(10))
            .Concat(second.Committed(partitions.Where(p => second.Assignment.Contains(p)), TimeSpan.FromSeconds(10)));
        Assert.Equal(count, committed.Sum(c => c.Offset.Value));

        first.Close();
        second.Close();
    }

    [Fact]
    public async Task A_restarted_consumer_resumes_from_the_committed_offsets()
    {
        const int count = 1_000;
        const int firstRun = 400;
        var topic = kafka.CreateTopic("resume", partitions: 3);
        var group = "g-" + Guid.NewGuid().ToString("N");
        await ProduceAsync(topic, count);

        var before = new HashSet<string>();
        using (var consumer = new ConsumerBuilder<string, string>(kafka.ConsumerConfig(group)).Build())
        {
            consumer.Subscribe(topic);
            var deadline = DateTime.UtcNow + Deadline;
            while (before.Count < firstRun && DateTime.UtcNow < deadline)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is null)
                {
                    continue;
                }

                Assert.True(before.Add(result.Message.Key));
                consumer.Commit([new TopicPartitionOffset(result.TopicPartition, result.Offset + 1)]);
            }

            consumer.Close();
        }

        Assert.Equal(firstRun, before.Count);

        var after = new HashSet<string>();
        using (var consumer = new ConsumerBuilder<string, string>(kafka.ConsumerConfig(group)).Build())
        {
            consumer.Subscribe(topic);
            var deadline = DateTime.UtcNow + Deadline;
            while (after.Count < count - firstRun && DateTime.UtcNow < deadline)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is not null)
                {
                    Assert.True(after.Add(result.Message.Key), $"{result.Message.Key} was read twice by the restarted consumer");
                }
            }

            // Nothing more arrives: the restarted consumer neither re-reads committed messages nor skips any.
            Assert.Null(consumer.Consume(TimeSpan.FromMilliseconds(500)));
            consumer.Close();
        }

        Assert.Equal(count - firstRun, after.Count);
        Assert.Empty(before.Intersect(after));
        Assert.Equal(count, before.Union(after).Count());
    }

    [Fact]
    public async Task A_broker_down_mid_produce_loses_nothing_with_the_idempotent_producer()
    {
        const int count = 5_000;
        var topic = kafka.CreateTopic("broker-down", partitions: 4, replicationFactor: 3);
        var deliveries = new List<Task<DeliveryResult<string, string>>>(count);

        using (var producer = new ProducerBuilder<string, string>(kafka.ProducerConfig(idempotent: true)).Build())
        {
            for (var i = 0; i < count; i++)
            {
                if (i == count / 3)
                {
                    kafka.Cluster.SetBrokerDown(1);
                }

                if (i == 2 * count / 3)
                {
                    // Keep the broker down long enough for in-flight requests to fail and be retried.
                    await Task.Delay(1500);
                    kafka.Cluster.SetBrokerUp(1);
                }

                deliveries.Add(producer.ProduceAsync(topic, new Message<string, string> { Key = $"k{i}", Value = $"v{i}" }));
            }

            producer.Flush(Deadline);
        }

        var results = await Task.WhenAll(deliveries);
        Assert.All(results, r => Assert.Equal(PersistenceStatus.Persisted, r.Status));

        var seen = new Dictionary<string, int>();
        using var consumer = new ConsumerBuilder<string, string>(kafka.ConsumerConfig("g-" + Guid.NewGuid().ToString("N"))).Build();
        consumer.Subscribe(topic);
        var deadline = DateTime.UtcNow + Deadline;
        var total = 0;
        while (total < count && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                continue;
            }

            total++;
            seen[result.Message.Key] = seen.GetValueOrDefault(result.Message.Key) + 1;
        }

        Assert.Null(consumer.Consume(TimeSpan.FromMilliseconds(500)));
        consumer.Close();
        Assert.Equal(count, total);
        Assert.Equal(count, seen.Count);
        Assert.All(seen.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task Injected_request_errors_surface_to_the_client()
    {
        var topic = kafka.CreateTopic("faults", partitions: 1);
        // Non-retriable produce errors reach the caller instead of being retried away.
        kafka.Cluster.PushRequestErrors(Etl.Kafka.Mock.KafkaApiKey.Produce, ErrorCode.TopicAuthorizationFailed);
        var config = kafka.ProducerConfig(idempotent: false);
        using var producer = new ProducerBuilder<string, string>(config).Build();

        var produceException = await Assert.ThrowsAsync<ProduceException<string, string>>(() =>
            producer.ProduceAsync(topic, new Message<string, string> { Key = "a", Value = "b" }));
        Assert.Equal(ErrorCode.TopicAuthorizationFailed, produceException.Error.Code);

    }

    [Fact]
    public async Task Retriable_produce_errors_are_retried_and_the_message_is_stored_once()
    {
        var topic = kafka.CreateTopic("retriable", partitions: 1);
        kafka.Cluster.PushRequestErrors(
            Etl.Kafka.Mock.KafkaApiKey.Produce,
            ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicas, ErrorCode.RequestTimedOut);
        using (var producer = new ProducerBuilder<string, string>(kafka.ProducerConfig(idempotent: true)).Build())
        {
            var delivered = await producer.ProduceAsync(topic, new Message<string, string> { Key = "once", Value = "v" });
            Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
        }

        using var consumer = new ConsumerBuilder<string, string>(kafka.ConsumerConfig("g-" + Guid.NewGuid().ToString("N"))).Build();
        consumer.Subscribe(topic);
        var first = consumer.Consume(Deadline);
        Assert.Equal("once", first?.Message.Key);
        Assert.Null(consumer.Consume(TimeSpan.FromMilliseconds(500)));
        consumer.Close();
    }

    private async Task ProduceAsync(string topic, int count)
    {
        using var producer = new ProducerBuilder<string, string>(kafka.ProducerConfig()).Build();
        var tasks = new Task[count];
        for (var i = 0; i < count; i++)
        {
            tasks[i] = producer.ProduceAsync(topic, new Message<string, string> { Key = $"key-{i}", Value = $"value-{i}" });
        }

        producer.Flush(Deadline);
        await Task.WhenAll(tasks);
    }
}
