using System.Text.Json;
using Etl.Elastic;
using Etl.Elastic.Bulk;
using Etl.Elastic.Transport;

namespace Etl.Worker.Indexing;

/// <summary>
/// Indexes documents with Elasticsearch's <c>_bulk</c> API and reads the answer item by item. Every way a request
/// can fail as a whole becomes a <see cref="SinkRequestException"/> whose <see cref="Answer"/> says what happened —
/// including a success status with a body that is not a bulk answer, which is never taken for success.
/// </summary>
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
            // Serialized in the parallel enrich stage (IndexAction.Source), so batches are sized by the bytes sent.
            operations[i] = BulkOperation.IndexRaw(a.Index, a.Id, a.Source);
        }

        BulkResponse response;
        try
        {
            response = await client.Bulk.SendAsync(operations, cancellationToken);
        }
        catch (ElasticsearchException ex) when (ex.Status is int status)
        {
            throw new SinkRequestException(Answer.Request(status, ex.ErrorType, ex.Reason ?? ex.Message), ex);
        }
        catch (ElasticsearchException ex)
        {
            // No status: the transport never got an answer; it says so with a timeout or a connection failure inside.
            var transport = ex.InnerException is TaskCanceledException or TimeoutException ? AnswerTransport.TimedOut
                : ex.InnerException is HttpRequestException or AggregateException ? AnswerTransport.Unreachable
                : AnswerTransport.Unparseable;
            throw new SinkRequestException(new Answer(AnswerSource.ElasticsearchRequest, transport, Reason: ex.Message), ex);
        }
        catch (HttpRequestException ex)
        {
            throw new SinkRequestException(new Answer(AnswerSource.ElasticsearchRequest, AnswerTransport.Unreachable, Reason: ex.Message), ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SinkRequestException(new Answer(AnswerSource.ElasticsearchRequest, AnswerTransport.TimedOut, Reason: "_bulk timed out"), ex);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException)
        {
            // 200 with "{}", a truncated body, a proxy's HTML page: we cannot tell what was stored, so nothing was.
            throw new SinkRequestException(new Answer(AnswerSource.ElasticsearchRequest, AnswerTransport.Unparseable, 200, Reason: ex.Message), ex);
        }

        var results = new SinkItemResult[response.Items.Count];
        foreach (var item in response.Items)
        {
            results[item.Position] = new SinkItemResult(item.Status, item.Error?.Type, Describe(item.Error));
        }

        return results;
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
