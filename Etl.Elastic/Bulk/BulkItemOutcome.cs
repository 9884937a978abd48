namespace Etl.Elastic.Bulk;

/// <summary>What the caller should do with one bulk item.</summary>
public enum BulkItemOutcome
{
    /// <summary>Done: 2xx, or a delete of a document that was already gone.</summary>
    Succeeded,

    /// <summary>429 or 5xx: send the same operation again after a back-off.</summary>
    Retryable,

    /// <summary>Any other 4xx (mapping error, version conflict...): retrying cannot help; dead-letter it.</summary>
    Permanent,
}
