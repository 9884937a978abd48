using Elastic.Clients.Elasticsearch;

namespace Etl.Elastic.Transport;

/// <summary>An Elasticsearch error object (<c>type</c>, <c>reason</c>, <c>caused_by</c>) as the client read it.</summary>
public sealed record ElasticsearchError(string Type, string? Reason, ElasticsearchError? CausedBy)
{
    /// <summary>Our copy of the client's <see cref="ErrorCause"/>; null when there is none.</summary>
    public static ElasticsearchError? From(ErrorCause? cause) =>
        cause is null ? null : new ElasticsearchError(cause.Type ?? "unknown", cause.Reason, From(cause.CausedBy));

    /// <summary>Our copy of the transport's error object (whole-request errors); null when there is none.</summary>
    public static ElasticsearchError? From(global::Elastic.Transport.Products.Elasticsearch.ErrorCause? cause) =>
        cause is null ? null : new ElasticsearchError(cause.Type ?? "unknown", cause.Reason, From(cause.CausedBy));

    /// <summary>"type: reason (caused by type: reason)", for logs and dead letters.</summary>
    public override string ToString() =>
        CausedBy is null ? $"{Type}: {Reason}" : $"{Type}: {Reason} (caused by {CausedBy})";
}
