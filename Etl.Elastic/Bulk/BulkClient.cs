using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Etl.Elastic.Serialization;
using Etl.Elastic.Transport;
using ClientBulkResponse = Elastic.Clients.Elasticsearch.BulkResponse;
using OfficialClient = Elastic.Clients.Elasticsearch.ElasticsearchClient;

namespace Etl.Elastic.Bulk;

/// <summary>
/// Sends <c>_bulk</c> requests through the official client. A whole-request failure (429 indexing pressure, 503, no
/// connection, an answer that is not a bulk response) throws <see cref="ElasticsearchException"/>; per-item answers come
/// back in the <see cref="BulkResponse"/>, one per operation, read from the client's <c>Items</c> one by one.
/// </summary>
public sealed class BulkClient
{
    private readonly OfficialClient _client;
    private readonly SourceTypeResolver _sources;

    internal BulkClient(OfficialClient client, SourceTypeResolver sources)
    {
        _client = client;
        _sources = sources;
    }

    public async Task<BulkResponse> SendAsync(IReadOnlyList<BulkOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count == 0)
        {
            throw new ArgumentException("A bulk request needs at least one operation; Elasticsearch rejects an empty body.", nameof(operations));
        }

        var collection = new BulkOperationsCollection();
        foreach (var operation in operations)
        {
            collection.Add(operation.ToClient(_sources));
        }

        // IsValidResponse is false whenever any item failed; only the call itself decides a whole-request failure.
        var response = await ClientCall.RunAsync("POST _bulk", () => _client.BulkAsync(new BulkRequest { Operations = collection }, cancellationToken));

        return Read(response, operations.Count);
    }

    private static BulkResponse Read(ClientBulkResponse response, int expected)
    {
        if (response.Items is not { } items)
        {
            throw new ElasticsearchException(
                "_bulk answered without an 'items' array; cannot tell which operations succeeded. Check the URL points at Elasticsearch.",
                null, null, isTransient: true);
        }

        if (items.Count != expected)
        {
            // Without a one-to-one match no item can be acknowledged safely; the caller retries the batch.
            throw new ElasticsearchException(
                $"_bulk answered {items.Count} items for {expected} operations; cannot tell which succeeded.", null, null, isTransient: true);
        }

        var results = new List<BulkItemResult>(items.Count);
        foreach (var item in items)
        {
            results.Add(new BulkItemResult
            {
                Position = results.Count,
                Action = item.Operation,
                Index = item.Index,
                Id = item.Id,
                // A response cut down with filter_path has no status; the client then reads 0.
                Status = item.Status == 0 ? null : item.Status,
                Result = item.Result,
                Version = item.Version,
                SequenceNumber = item.SeqNo,
                PrimaryTerm = item.PrimaryTerm,
                Error = ElasticsearchError.From(item.Error),
            });
        }

        return new BulkResponse(response.Took, response.Errors, results);
    }
}
