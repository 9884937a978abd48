using Etl.Elastic;
using Etl.Elastic.Bulk;
using Etl.Elastic.Serialization;
using Etl.Elastic.Transport;

namespace Etl.Worker.Indexing;

/// <summary>Indexes documents with Elasticsearch's <c>_bulk</c> API and reads the answer item by item.</summary>
public sealed class ElasticsearchDocumentSink : IDocumentSink
{
    private readonly ElasticsearchClient client;

    public ElasticsearchDocumentSink(ElasticsearchClient client) => this.client = client;

    public async Task<IReadOnlyList<SinkItemResult>> WriteAsync(IReadOnlyList<IndexAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var operations = new BulkOperation[actions.Count];
        for (var i = 0; i < actions.Count; i++)
        {
            var a = actions[i];
            operations[i] = BulkOperation.IndexDocument(a.Index, a.Id, a.Document, DocumentJsonContext.Default.TweetDocument);
        }

        BulkResponse response;
        try
        {
            response = await client.Bulk.SendAsync(operations, cancellationToken);
        }
        catch (ElasticsearchException ex)
        {
            // The whole request failed (429 indexing pressure, 5xx, refused, bad credentials): nothing in it was indexed.
            throw new SinkUnavailableException($"Elasticsearch _bulk failed: {ex.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"} {ex.ErrorType} {ex.Reason ?? ex.Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new SinkUnavailableException("Elasticsearch is unreachable: " + ex.Message, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SinkUnavailableException("Elasticsearch _bulk timed out.", ex);
        }

        var results = new SinkItemResult[response.Items.Count];
        foreach (var item in response.Items)
        {
            results[item.Position] = item.Outcome switch
            {
                BulkItemOutcome.Succeeded => new SinkItemResult(item.Status ?? 200),
                BulkItemOutcome.Retryable => new SinkItemResult(item.Status ?? 429, item.Error?.Type, Describe(item.Error)),
                _ => new SinkItemResult(item.Status is int s && s >= 400 && s != 429 && s < 500 ? s : 400, item.Error?.Type, Describe(item.Error)),
            };
        }

        return results;
    }

    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var health = await client.Cluster.HealthAsync(timeout: TimeSpan.FromSeconds(2), cancellationToken: cancellationToken);
            return health.IsUsable;
        }
        catch (ElasticsearchException ex)
        {
            // A 4xx (say 403: an API key without the monitor privilege) still means the cluster is there and answering.
            return ex.Status is int status && status != 429 && status < 500;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string? Describe(ElasticsearchError? error)
    {
        if (error is null)
        {
            return null;
        }

        return error.CausedBy is { } cause ? $"{error.Reason} (caused by {cause.Type}: {cause.Reason})" : error.Reason;
    }
}
