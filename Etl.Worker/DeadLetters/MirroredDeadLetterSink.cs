using System.Text.Json.Nodes;
using Etl.Elastic;
using Etl.Elastic.Bulk;
using Etl.Elastic.Serialization;
using Etl.Schemas.Naming;
using Etl.Worker.Indexing;
using Etl.Worker.Pipeline;
using etl.tweets;

namespace Etl.Worker.DeadLetters;

/// <summary>
/// Stores a dead letter in Kafka (the source of truth, used for re-drive) and then mirrors a summary into the
/// <c>tweets-deadletters</c> index so Kibana's Pipeline dashboard can chart failures. The mirror is best effort:
/// when Elasticsearch refuses it, or answers with something we cannot read, the record is still done, because Kafka
/// has it — the mirror never makes the Kafka dead letter be written twice.
/// </summary>
public sealed class MirroredDeadLetterSink(IDeadLetterSink kafka, ElasticsearchClient elasticsearch, ILogger<MirroredDeadLetterSink> logger) : IDeadLetterSink
{
    public async Task SendAsync(FailedRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await kafka.SendAsync(record, cancellationToken);
        try
        {
            var document = ToDocument(record);
            var id = $"{record.Topic}-{record.Partition}-{record.Offset}";
            await elasticsearch.Bulk.SendAsync([BulkOperation.IndexDocument(IndexNames.DeadLetters, id, document, ElasticJsonNodeContext.Default.JsonObject)], cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Any failure of the mirror, including answers we cannot parse: rethrowing would make the caller store the
            // Kafka dead letter a second time.
            logger.LogWarning("Dead letter {Topic}[{Partition}]@{Offset} is in Kafka but not mirrored to {Index}: {Reason}", record.Topic, record.Partition, record.Offset, IndexNames.DeadLetters, ex.Message);
        }
    }

    /// <summary>The fields the <c>tweets-deadletters</c> template maps.</summary>
    public static JsonObject ToDocument(FailedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var document = new JsonObject
        {
            ["failed_at"] = record.FailedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["stage"] = record.Stage.Symbol(),
            ["error_type"] = record.ErrorType,
            ["error_message"] = record.ErrorMessage,
            ["source_topic"] = record.Topic,
            ["source_partition"] = record.Partition,
            ["source_offset"] = record.Offset,
        };
        if (record.Key is { Length: > 0 } key && key.All(b => b is >= (byte)'0' and <= (byte)'9'))
        {
            document["tweet_id"] = System.Text.Encoding.ASCII.GetString(key);
        }

        if (record.ElasticsearchStatus is { } status)
        {
            document["es_status"] = status;
        }

        if (record.ElasticsearchReason is { } reason)
        {
            document["es_reason"] = reason;
        }

        return document;
    }
}
