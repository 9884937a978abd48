using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Etl.Kafka.Native;
using Etl.Kafka.Registry;
using Etl.Schemas.Naming;
using etl.tweets;
using Etl.Scheduler.Jobs;

namespace Etl.Scheduler.DeadLetters;

/// <summary>
/// Reads <c>tweets.dlq</c> from the re-drive group's last commit to its end, sends the records that can now
/// succeed (see <see cref="RedrivePolicy"/>) back to <c>tweets.raw</c> with their original key and value, and commits
/// only after Kafka acknowledged every one of them, so a crash mid-run re-drives again rather than loses records.
/// A record goes round at most <see cref="RedriveOptions.MaxRedrives"/> times (its <c>etl-redrive-count</c> header);
/// after that it is counted as <c>skipped_redrive_limit</c> and left in the DLQ.
/// </summary>
public sealed class DeadLetterRedriver(RedriveOptions options, ISchemaRegistryClient registry, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<JobFigures> RunAsync(CancellationToken cancellationToken)
    {
        LibrdkafkaCheck.Ensure();
        var figures = new JobFigures();
        // A job, not a hot path: Confluent's deserializer, awaited.
        var letters = AvroSerdes.Deserializer<DeadLetter>(registry);
        var tweets = AvroSerdes.Deserializer<Tweet>(registry);
        // The worker's connection and security keys (same section), so re-drive reaches the brokers as the worker does.
        var consumerConfig = options.ToConsumerConfig();
        consumerConfig.GroupId = options.RedriveGroupId;
        consumerConfig.EnableAutoCommit = false;
        consumerConfig.EnableAutoOffsetStore = false;
        consumerConfig.AutoOffsetReset = AutoOffsetReset.Earliest;
        consumerConfig.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(consumerConfig).SetLogHandler((_, _) => { }).Build();
        using var producer = new ProducerBuilder<byte[]?, byte[]>(options.ToProducerConfig()).SetLogHandler((_, _) => { }).Build();

        consumer.Subscribe(options.DeadLetterTopic);
        var pending = new List<Task<DeliveryResult<byte[]?, byte[]>>>();
        var offsets = new Dictionary<TopicPartition, Offset>();
        var drained = new HashSet<TopicPartition>();
        var idleSince = _clock.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                var assigned = consumer.Assignment;
                if ((assigned.Count > 0 && assigned.All(drained.Contains)) || _clock.GetUtcNow() - idleSince > options.DrainTimeout)
                {
                    break;
                }

                continue;
            }

            idleSince = _clock.GetUtcNow();
            if (result.IsPartitionEOF)
            {
                drained.Add(result.TopicPartition);
                continue;
            }

            drained.Remove(result.TopicPartition);
            offsets[result.TopicPartition] = result.Offset + 1;
            figures.Add("dead_letters_read", 1);
            var decision = await DecideAsync(result.Message.Value, letters, tweets, options);
            figures.Add(decision.Decision.Reason, 1);
            var redrives = RedriveCount(result.Message.Headers);
            if (decision.Decision.Redrive && redrives >= options.MaxRedrives)
            {
                // It already went round as often as allowed and failed again: it stays in the DLQ, and the run says so.
                figures.Add("skipped_redrive_limit", 1);
            }
            else if (decision.Decision.Redrive)
            {
                pending.Add(producer.ProduceAsync(options.RawTopic, new Message<byte[]?, byte[]>
                {
                    Key = decision.Letter!.Key,
                    Value = decision.Letter.Value!,
                    Headers =
                    [
                        new Header(HeaderNames.RedrivenFrom, Encoding.UTF8.GetBytes($"{result.TopicPartition.Partition.Value}:{result.Offset.Value}")),
                        new Header(HeaderNames.RedriveCount, Encoding.UTF8.GetBytes((redrives + 1).ToString(CultureInfo.InvariantCulture))),
                    ],
                }, cancellationToken));
            }
        }

        // Commit only what Kafka acknowledged: a failed produce throws here and nothing of this run is committed.
        await Task.WhenAll(pending);
        figures["redriven"] = pending.Count;
        if (offsets.Count > 0)
        {
            consumer.Commit([.. offsets.Select(o => new TopicPartitionOffset(o.Key, o.Value))]);
        }

        consumer.Close();
        return figures;
    }

    /// <summary>
    /// How many times the record of this dead letter was re-driven already: its <c>etl-redrive-count</c> header (the
    /// worker copies it from the failed record onto the dead letter), or 1 for a record that only says where it was
    /// re-driven from, or 0.
    /// </summary>
    private static int RedriveCount(Headers? headers)
    {
        if (headers is null)
        {
            return 0;
        }

        if (headers.TryGetLastBytes(HeaderNames.RedriveCount, out var count)
            && int.TryParse(Encoding.UTF8.GetString(count), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        return headers.TryGetLastBytes(HeaderNames.RedrivenFrom, out _) ? 1 : 0;
    }

    private static async Task<(RedriveDecision Decision, DeadLetter? Letter)> DecideAsync(
        byte[]? value, AvroDeserializer<DeadLetter> letters, AvroDeserializer<Tweet> tweets, RedriveOptions options)
    {
        if (value is null)
        {
            return (new RedriveDecision(false, "unreadable_dead_letter"), null);
        }

        DeadLetter letter;
        try
        {
            letter = await letters.DeserializeAsync(value, isNull: false, new SerializationContext(MessageComponentType.Value, options.DeadLetterTopic));
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !AvroDecodeFailure.Classify(ex, value).IsRegistryOutage)
        {
            // A registry outage propagates: the run fails before committing, and the next run reads these again.
            return (new RedriveDecision(false, "unreadable_dead_letter"), null);
        }

        var decodes = false;
        if (letter.Value is { } original && letter.Stage != DeadLetterStage.index)
        {
            try
            {
                await tweets.DeserializeAsync(original, isNull: false, new SerializationContext(MessageComponentType.Value, options.RawTopic));
                decodes = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !AvroDecodeFailure.Classify(ex, original).IsRegistryOutage)
            {
                decodes = false;
            }
        }

        return (RedrivePolicy.Decide(letter, decodes), letter);
    }
}
