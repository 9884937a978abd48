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

    public static SortOptions Ascending(string field) => new() { Field = new FieldSort(field) { Order = SortOrder.Asc } };

    public static SortOptions Descending(string field) => new() { Field = new FieldSort(field) { Order = SortOrder.Desc } };

    /// <summary><c>_shard_doc</c>: the cheapest total order, for paging through a point in time.</summary>
    public static SortOptions ShardDoc { get; } = new() { Field = new FieldSort("_shard_doc") { Order = SortOrder.Asc } };
}
