using Elastic.Clients.Elasticsearch;

namespace Etl.Elastic.Aggregations;

/// <summary>A page of composite buckets; <see cref="AfterKey"/> is null when Elasticsearch sent none (no more pages).</summary>
public sealed record CompositePage(IReadOnlyList<CompositeBucket> Buckets, IReadOnlyDictionary<string, FieldValue>? AfterKey);
