using Etl.Elastic.Transport;

namespace Etl.Elastic.Bulk;

/// <summary>The answer for one bulk operation, matched to it by <see cref="Position"/>.</summary>
public sealed record BulkItemResult
{
    /// <summary>Index of the operation in the request.</summary>
    public required int Position { get; init; }

    /// <summary>"index", "create", "update" or "delete", as Elasticsearch echoed it.</summary>
    public required string Action { get; init; }

    public string? Index { get; init; }

    public string? Id { get; init; }

    /// <summary>HTTP status of the item; null when the response was filtered (<c>filter_path</c>) without it.</summary>
    public int? Status { get; init; }

    /// <summary>"created", "updated", "deleted", "not_found", "noop".</summary>
    public string? Result { get; init; }

    public long? Version { get; init; }

    public long? SequenceNumber { get; init; }

    public long? PrimaryTerm { get; init; }

    public ElasticsearchError? Error { get; init; }

    public BulkItemOutcome Outcome => Classify(Status, Error);

    /// <summary>
    /// 2xx without error: done. 429/5xx: retry. Other statuses: permanent — except a 404 delete without an error
    /// object, which means "already gone" and is what the caller wanted. Without a status (filtered response),
    /// thread-pool and indexing-pressure rejections are still recognised by their error type.
    /// </summary>
    public static BulkItemOutcome Classify(int? status, ElasticsearchError? error)
    {
        if (status is int s)
        {
            if (error is null && (s is >= 200 and < 300 || s == 404))
            {
                return BulkItemOutcome.Succeeded;
            }

            return ElasticsearchException.IsTransientStatus(s) ? BulkItemOutcome.Retryable : BulkItemOutcome.Permanent;
        }

        if (error is null)
        {
            return BulkItemOutcome.Succeeded;
        }

        return error.Type is "es_rejected_execution_exception" or "circuit_breaking_exception" or "unavailable_shards_exception"
            ? BulkItemOutcome.Retryable
            : BulkItemOutcome.Permanent;
    }
}
