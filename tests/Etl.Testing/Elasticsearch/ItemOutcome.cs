namespace Etl.Testing.Elasticsearch;

/// <summary>A scripted per-item failure in a <c>_bulk</c> response, shaped as Elasticsearch 9.x sends it.</summary>
public sealed record ItemOutcome(int Status, string ErrorType, string Reason)
{
    public string? CausedByType { get; init; }

    public string? CausedByReason { get; init; }

    /// <summary>Write thread pool full (per-item 429), the transient failure a client must retry.</summary>
    public static ItemOutcome Rejected() => new(
        429,
        "es_rejected_execution_exception",
        "rejected execution of org.elasticsearch.action.support.replication.TransportWriteAction$1 on EsThreadPoolExecutor" +
        "[name = stub/write, queue capacity = 10000, active threads = 8, queued tasks = 10000]");

    /// <summary>A field value the mapping cannot take (ES 8.8+ naming); permanent, must be dead-lettered.</summary>
    public static ItemOutcome DocumentParsing(string field, string id, string preview = "abc") => new(
        400,
        "document_parsing_exception",
        $"[1:42] failed to parse field [{field}] of type [long] in document with id '{id}'. Preview of field's value: '{preview}'")
    {
        CausedByType = "illegal_argument_exception",
        CausedByReason = $"For input string: \"{preview}\"",
    };

    /// <summary>A field the strict mapping does not know.</summary>
    public static ItemOutcome StrictDynamicMapping(string field) => new(
        400,
        "strict_dynamic_mapping_exception",
        $"[1:2] mapping set to strict, dynamic introduction of [{field}] within [_doc] is not allowed");

    /// <summary>Indexing pressure on the primary (per-item 429 with the memory-limit reason); transient.</summary>
    public static ItemOutcome IndexingPressure() => new(
        429,
        "es_rejected_execution_exception",
        "rejected execution of primary operation [shard_detail=[tweets-2024.05][0][P], shard_primary_bytes=209715211, " +
        "shard_primary_operations=1, max_primary_bytes=209715200]");

    /// <summary>A <c>create</c> of an id that exists, or a stale <c>if_seq_no</c>: 409, permanent.</summary>
    public static ItemOutcome VersionConflict(string id) => new(
        409,
        "version_conflict_engine_exception",
        $"[{id}]: version conflict, document already exists (current version [1])");

    /// <summary>A shard failed internally; retryable like every 5xx.</summary>
    public static ItemOutcome ServerError() => new(500, "exception", "stub: internal failure on the primary shard");
}
