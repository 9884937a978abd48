using System.Text;
using Confluent.Kafka;
using etl.tweets;
using Etl.Testing.Kafka;

namespace Etl.Worker.Tests.Sources;

/// <summary>What the source tests share: waiting with a deadline, and reading back what reached the mock cluster.</summary>
internal static class SourceTestKit
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>Nothing happens for a moment of real time (used after advancing a fake clock short of a deadline).</summary>
    public static async Task StaysFalseAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 15; i++)
        {
            Assert.False(condition(), what);
            await Task.Delay(20);
        }
    }

    /// <summary>Every record on <paramref name="topic"/>: its key and its decoded tweet.</summary>
    public static List<(string Key, Tweet Tweet)> ReadAll(KafkaMockCluster kafka, string topic, LocalRegistry registry, int expected)
    {
        using var consumer = new ConsumerBuilder<byte[], Tweet>(kafka.ConsumerConfig("g-" + Guid.NewGuid().ToString("N")))
            .SetValueDeserializer(registry.Deserializer<Tweet>())
            .Build();
        consumer.Subscribe(topic);
        var records = new List<(string, Tweet)>();
        var deadline = DateTime.UtcNow + Patience;
        var quietUntil = DateTime.MaxValue;
        while (DateTime.UtcNow < deadline && DateTime.UtcNow < quietUntil)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                records.Add((Encoding.ASCII.GetString(result.Message.Key), result.Message.Value));
            }

            if (records.Count >= expected && quietUntil == DateTime.MaxValue)
            {
                // Keep reading a little: more than expected is a failure the test should see.
                quietUntil = DateTime.UtcNow.AddMilliseconds(500);
            }
        }

        consumer.Close();
        return records;
    }
}
