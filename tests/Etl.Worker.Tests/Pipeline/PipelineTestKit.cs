using System.Text;
using Confluent.Kafka;
using Etl.Testing.Kafka;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>What the pipeline tests share: waiting on a condition with a deadline, and producing text records.</summary>
internal static class PipelineTestKit
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(25);
        }
    }

    /// <summary>Produces each value as a UTF-8 record whose key is the value itself.</summary>
    public static Task ProduceAsync(KafkaMockCluster kafka, string topic, IEnumerable<string> values) =>
        ProduceAsync(kafka, topic, values.Select(v => (v, v)));

    /// <summary>Produces UTF-8 records in order; records with one key land on one partition, in this order.</summary>
    public static async Task ProduceAsync(KafkaMockCluster kafka, string topic, IEnumerable<(string Key, string Value)> records)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.ProducerConfig()).Build();
        var tasks = records.Select(r => producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(r.Key), Value = Encoding.UTF8.GetBytes(r.Value) })).ToList();
        producer.Flush(Patience);
        await Task.WhenAll(tasks);
    }
}
