using System.Text.Json.Nodes;
using Etl.Elastic.Aggregations;
using Etl.Elastic.Transport;

namespace Etl.Elastic.Search;

/// <summary>A <c>_search</c> body. Query, filters and sorts are plain JSON: this client does not model the query DSL.</summary>
public sealed record SearchRequest
{
    public JsonNode? Query { get; init; }

    public KnnQuery? Knn { get; init; }

    public int? Size { get; init; }

    /// <summary>Fields of <c>_source</c> to return; null returns all of it.</summary>
    public IReadOnlyList<string>? SourceIncludes { get; init; }

    /// <summary>False leaves <c>_source</c> out (for aggregation-only and <c>fields</c>-only searches).</summary>
    public bool Source { get; init; } = true;

    /// <summary>Fields to return from doc values under each hit's <c>fields</c>.</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    public JsonArray? Sort { get; init; }

    /// <summary>The previous page's last sort values.</summary>
    public JsonArray? SearchAfter { get; init; }

    /// <summary>Search a point in time instead of an index (the request path must then name no index).</summary>
    public PointInTime? PointInTime { get; init; }

    public IReadOnlyDictionary<string, Aggregation>? Aggregations { get; init; }

    /// <summary>True counts every hit exactly; null keeps Elasticsearch's default (exact up to 10,000).</summary>
    public bool? TrackTotalHits { get; init; }

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (Query is not null)
        {
            json["query"] = Query.DeepClone();
        }

        if (Knn is not null)
        {
            json["knn"] = Knn.ToJson();
        }

        if (Size is int size)
        {
            json["size"] = size;
        }

        if (!Source)
        {
            json["_source"] = false;
        }
        else if (SourceIncludes is not null)
        {
            json["_source"] = Strings(SourceIncludes);
        }

        if (Fields is not null)
        {
            json["fields"] = Strings(Fields);
        }

        if (Sort is not null)
        {
            json["sort"] = Sort.DeepClone();
        }

        if (SearchAfter is not null)
        {
            json["search_after"] = SearchAfter.DeepClone();
        }

        if (PointInTime is not null)
        {
            json["pit"] = new JsonObject
            {
                ["id"] = PointInTime.Id,
                ["keep_alive"] = ElasticsearchTimeUnits.Format(PointInTime.KeepAlive),
            };
        }

        if (Aggregations is { Count: > 0 })
        {
            json["aggs"] = Aggregation.ToJson(Aggregations);
        }

        if (TrackTotalHits is bool track)
        {
            json["track_total_hits"] = track;
        }

        return json;
    }

    private static JsonArray Strings(IReadOnlyList<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add(value);
        }

        return array;
    }
}
