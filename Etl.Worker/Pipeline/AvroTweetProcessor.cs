using Confluent.Kafka;
using Etl.Enrichment.Enriching;
using Etl.Schemas.Avro;
using Etl.Schemas.Naming;
using Etl.Schemas.Records;
using etl.tweets;
using Etl.Schemas.Registry;
using Etl.Schemas.Serdes;
using Etl.Worker.Mapping;

namespace Etl.Worker.Pipeline;

/// <summary>
/// Decodes a Confluent-framed Avro <c>Tweet</c> (resolving the writer's schema from the registry), enriches it, and
/// picks its monthly index. A registry that cannot answer makes the record wait (not a failure). A record that does not decode fails at stage "deserialize"; one that decodes but cannot
/// be enriched fails at stage "enrich". Both go to the dead-letter topic with their bytes.
/// </summary>
public sealed class AvroTweetProcessor : IRecordProcessor
{
    private readonly AvroDeserializer<Tweet> deserializer;
    private readonly TweetEnricher enricher;
    private readonly string topic;

    public AvroTweetProcessor(ISchemaRegistry registry, TweetEnricher enricher, string topic = TopicNames.Raw)
    {
        deserializer = new AvroDeserializer<Tweet>(registry, TweetAvroCodec.Instance);
        this.enricher = enricher;
        this.topic = topic;
    }

    public RecordOutcome Process(byte[]? key, byte[]? value, DateTimeOffset ingestedAt)
    {
        if (value is null)
        {
            return RecordOutcome.Failed(DeadLetterStage.deserialize, new AvroException("The record has no value (a tombstone); a tweet was expected."));
        }

        Tweet tweet;
        try
        {
            tweet = deserializer.Deserialize(value, isNull: false, new SerializationContext(MessageComponentType.Value, topic));
        }
        catch (SchemaRegistryException ex) when (DependencyAnswers.IsTransient(ex))
        {
            // The registry is down or refuses us: the record is fine, it waits instead of being dead-lettered.
            return RecordOutcome.Unavailable(ex);
        }
        catch (AvroException ex)
        {
            return RecordOutcome.Failed(DeadLetterStage.deserialize, ex);
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
