using Elastic.Clients.Elasticsearch;

namespace Etl.Elastic.Search;

/// <summary>One hit. <see cref="Source"/> is null when <c>_source</c> was not requested.</summary>
public sealed record SearchHit<T>(string Index, string Id, double? Score, T? Source)
{
    /// <summary>Sort values, to pass as the next page's <c>search_after</c>.</summary>
    public IReadOnlyCollection<FieldValue>? Sort { get; init; }
}
