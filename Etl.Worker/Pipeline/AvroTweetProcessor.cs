using Confluent.SchemaRegistry;
using Etl.Enrichment.Enriching;
using Etl.Kafka.Registry;
using Etl.Schemas.Naming;
using etl.tweets;
using Etl.Worker.Mapping;

namespace Etl.Worker.Pipeline;

/// <summary>
/// Decodes a Confluent-framed Avro <c>Tweet</c> (the writer's schema comes from the registry by the id in the frame,
/// through Confluent's registry client; see <see cref="AvroRecordReader{T}"/> for why not Confluent's deserializer), enriches it, and picks its monthly index. A registry that cannot answer makes
/// the record wait (not a failure). A record that does not decode — no Confluent frame, an id the registry does not
/// know, a truncated or invalid body — fails at stage "deserialize"; one that decodes but cannot be enriched fails at
/// stage "enrich". Both go to the dead-letter topic with their bytes.
/// </summary>
public sealed class AvroTweetProcessor : IRecordProcessor
{
    private readonly AvroRecordReader<Tweet> reader;
    private readonly TweetEnricher enricher;

    public AvroTweetProcessor(ISchemaRegistryClient registry, TweetEnricher enricher)
    {
        reader = new AvroRecordReader<Tweet>(registry);
        this.enricher = enricher;
    }

    public RecordOutcome Process(byte[]? key, byte[]? value, DateTimeOffset ingestedAt)
    {
        if (value is null)
        {
            return RecordOutcome.Failed(DeadLetterStage.deserialize, new AvroDecodeException("The record has no value (a tombstone); a tweet was expected."));
        }

        if (AvroDecodeFailure.FramingProblem(value) is { } framing)
        {
            return RecordOutcome.Failed(DeadLetterStage.deserialize, new AvroDecodeException(framing));
        }

        Tweet tweet;
        try
        {
            // The stage is synchronous: a cached writer schema decodes without I/O; only a new schema id waits for the registry.
            tweet = reader.Read(value);
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
