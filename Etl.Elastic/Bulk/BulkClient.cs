using Etl.Elastic.Transport;

namespace Etl.Elastic.Bulk;

/// <summary>
/// Sends <c>_bulk</c> requests. A whole-request failure (429 indexing pressure, 503, no connection) throws
/// <see cref="ElasticsearchException"/>; per-item failures come back in the <see cref="BulkResponse"/>, one per operation.
/// </summary>
public sealed class BulkClient
{
    private readonly ElasticsearchTransport _transport;

    public BulkClient(ElasticsearchTransport transport) => _transport = transport;

    public async Task<BulkResponse> SendAsync(IReadOnlyList<BulkOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        using var content = new BulkRequestContent(operations, _transport.Gzip);
        using var document = await _transport.SendAsync(HttpMethod.Post, "_bulk", content, cancellationToken);
        var response = BulkResponse.Parse(document!.RootElement);
        if (response.Items.Count != operations.Count)
        {
            // Without a one-to-one match no item can be acknowledged safely; the caller retries the batch.
            throw new ElasticsearchException(
                $"_bulk answered {response.Items.Count} items for {operations.Count} operations; cannot tell which succeeded.",
                null, null, isTransient: true);
        }

        return response;
    }
}
