using System.Globalization;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.QueryDsl;

namespace Etl.Elastic.Search;

/// <summary>The few queries and sorts the jobs and the API use, as the client's typed query DSL.</summary>
public static class Queries
{
    /// <summary><c>from &lt;= field &lt; to</c> on a date field, in UTC.</summary>
    public static Query TimeRange(string field, DateTimeOffset from, DateTimeOffset to) =>
        new DateRangeQuery(field)
        {
            Gte = DateMath.Anchored(from.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
            Lt = DateMath.Anchored(to.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
        };

    /// <summary><c>field &gt;= from</c> on a date field, in UTC.</summary>
    public static Query Since(string field, DateTimeOffset from) =>
        new DateRangeQuery(field) { Gte = DateMath.Anchored(from.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)) };

    /// <summary>An exact keyword match.</summary>
    public static Query Term(string field, string value) => new TermQuery { Field = field, Value = value };

    /// <summary>Documents matching every one of <paramref name="filters"/> (filter context: no scoring, cached).</summary>
    public static Query AllOf(IEnumerable<Query> filters) => new BoolQuery { Filter = [.. filters] };

    public static SortOptions Ascending(string field) => new() { Field = new FieldSort(field) { Order = SortOrder.Asc } };

    public static SortOptions Descending(string field) => new() { Field = new FieldSort(field) { Order = SortOrder.Desc } };

    /// <summary><c>_shard_doc</c>: the cheapest total order, for paging through a point in time.</summary>
    public static SortOptions ShardDoc { get; } = new() { Field = new FieldSort("_shard_doc") { Order = SortOrder.Asc } };
}
