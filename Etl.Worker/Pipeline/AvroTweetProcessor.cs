using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Etl.Enrichment.Enriching;
using Etl.Kafka.Registry;
using Etl.Schemas.Naming;
using etl.tweets;
using Etl.Worker.Mapping;

namespace Etl.Worker.Pipeline;

/// <summary>
/// Decodes a Confluent-framed Avro <c>Tweet</c> with Confluent's <see cref="AvroDeserializer{T}"/> (the writer's
/// schema comes from the registry by the id in the frame, cached), enriches it, and picks its monthly index. A
/// registry that cannot answer makes the record wait (not a failure). A record that does not decode — no Confluent
/// frame, an id the registry does not know, a truncated or invalid body — fails at stage "deserialize"; one that
/// decodes but cannot be enriched fails at stage "enrich". Both go to the dead-letter topic with their bytes.
/// </summary>
public sealed class AvroTweetProcessor : IRecordProcessor
{
    private readonly AvroDeserializer<Tweet> deserializer;
    private readonly TweetEnricher enricher;

    public AvroTweetProcessor(ISchemaRegistryClient registry, TweetEnricher enricher)
    {
        deserializer = AvroSerdes.Deserializer<Tweet>(registry);
        this.enricher = enricher;
    }

    public async ValueTask<RecordOutcome> ProcessAsync(string topic, byte[]? key, byte[]? value, DateTimeOffset ingestedAt)
    {
        if (value is null)
        {
            return RecordOutcome.Failed(DeadLetterStage.deserialize, new AvroDecodeException("The record has no value (a tombstone); a tweet was expected."));
        }

        // Confluent's deserializer says "Unknown magic byte!"; the dead letter says what the bytes are instead.
        if (AvroDecodeFailure.FramingProblem(value) is { } framing)
        {
            return RecordOutcome.Failed(DeadLetterStage.deserialize, new AvroDecodeException(framing));
        }

        Tweet tweet;
        try
        {
            tweet = await deserializer.DeserializeAsync(value, isNull: false, new SerializationContext(MessageComponentType.Value, topic));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever the deserializer throws is about the registry or this record; one function says which.
            var failure = AvroDecodeFailure.Classify(ex, value);
            return failure.IsRegistryOutage
                ? RecordOutcome.Unavailable(new AvroDecodeException(failure.Reason, ex))
                : RecordOutcome.Failed(DeadLetterStage.deserialize, new AvroDecodeException(failure.Reason, ex));
        }

        try
        {
            // A model or server embedder runs in the pipeline's embed stage, batched across records; hashing runs here.
            var source = TweetRecordMapper.ToSource(tweet);
            var document = (enricher.EmbedsInline ? enricher.Enrich(source) : enricher.Enrich(source, null)) with { IngestedAt = ingestedAt };
            return RecordOutcome.Indexable(document, IndexNames.TweetsIndexFor(document.CreatedAt));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return RecordOutcome.Failed(DeadLetterStage.enrich, ex);
        }
    }
}
