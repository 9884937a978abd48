using Elastic.Clients.Elasticsearch.QueryDsl;
using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.Elastic.Search;
using Etl.Elastic.Serialization;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Reference;
using Xunit;

namespace Etl.Elastic.Tests.Search;

public sealed class SearchClientTests
{
    [SkippableFact]
    public async Task Knn_search_sends_vector_k_candidates_and_filter_and_reads_the_real_response()
    {
        var answer = ReferenceData.ReadText("elasticsearch_responses/search_knn/real_knn_retriever_response__elasticsearch-labs.json");
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("POST", "/tweets/_search", 200, answer);
        using var client = StubClient.For(es);
        var vector = new[] { 0.1f, -0.25f, 0.5f };
        var filter = Queries.TimeRange("created_at", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero));

        var response = await client.Search.SearchAsync("tweets", new SearchRequest
        {
            Knn = new KnnQuery("embedding", vector, K: 10, NumCandidates: 25) { Filter = filter },
            Size = 10,
            Source = false,
        }, ElasticJsonNodeContext.Default.JsonNode);

        var body = Assert.Single(es.RequestsTo("POST", "/tweets/_search")).Json();
        var knn = body.GetProperty("knn");
        Assert.Equal("embedding", knn.GetProperty("field").GetString());
        Assert.Equal(vector, knn.GetProperty("query_vector").EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal(10, knn.GetProperty("k").GetInt32());
        Assert.Equal(25, knn.GetProperty("num_candidates").GetInt32());
        var filters = knn.GetProperty("filter");
        var range = (filters.ValueKind == JsonValueKind.Array ? filters[0] : filters).GetProperty("range").GetProperty("created_at");
        Assert.StartsWith("2025-01-01T00:00:00", range.GetProperty("gte").GetString());
        Assert.StartsWith("2025-01-02T00:00:00", range.GetProperty("lt").GetString());
        Assert.False(body.GetProperty("_source").GetBoolean());
        Assert.Equal(10, body.GetProperty("size").GetInt32());

        Assert.Equal(new TotalHits(10, true), response.Total);
        Assert.Equal(10, response.Hits.Count);
        Assert.Equal(0.6417193, response.MaxScore!.Value, 6);
        Assert.Equal("kjVNPpkBpEb67Rey0h3W", response.Hits[0].Id);
        Assert.Null(response.Hits[0].Source);
        Assert.True(response.Hits.Zip(response.Hits.Skip(1)).All(p => p.First.Score >= p.Second.Score), "hits come ranked by similarity");
    }

    [SkippableFact]
    public async Task Plain_search_deserializes_source()
    {
        var answer = ReferenceData.ReadText("elasticsearch_responses/search/spec_SearchResponseExample1.json");
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("POST", "/my-index-000001/_search", 200, answer);
        using var client = StubClient.For(es);

        var response = await client.Search.SearchAsync("my-index-000001",
            new SearchRequest { Query = new TermQuery { Field = "user.id", Value = "kimchy" } }, ElasticJsonNodeContext.Default.JsonNode);

        Assert.Equal(20, response.Total!.Value);
        var hit = Assert.Single(response.Hits);
        Assert.Equal("kimchy", hit.Source!["user"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void Knn_with_fewer_candidates_than_k_is_refused_with_the_rule()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new KnnQuery("embedding", [1f], K: 50, NumCandidates: 10).ToClient());

        Assert.Contains("k=50", ex.Message);
        Assert.Contains("num_candidates", ex.Message);
    }

    [Fact]
    public async Task Scan_pages_with_search_after_through_a_point_in_time_and_closes_it()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("POST", "/tweets/_pit", 200, """{"id":"pit-1"}""");
        es.Enqueue("POST", "/_search", 200, Page("pit-2", ("a", 1), ("b", 2)));
        es.Enqueue("POST", "/_search", 200, Page("pit-3", ("c", 3)));
        es.Enqueue("DELETE", "/_pit", 200, """{"succeeded":true,"num_freed":1}""");
        using var client = StubClient.For(es);

        var ids = new List<string>();
        await foreach (var hit in client.Search.ScanAsync("tweets", new SearchRequest(), DocumentJsonContext.Default.TweetDocument, pageSize: 2))
        {
            ids.Add(hit.Id);
        }

        Assert.Equal(["a", "b", "c"], ids);
        Assert.Equal("?keep_alive=1m", Assert.Single(es.RequestsTo("POST", "/tweets/_pit")).Query);
        var searches = es.RequestsTo("POST", "/_search").Select(r => r.Json()).ToList();
        Assert.Equal("pit-1", searches[0].GetProperty("pit").GetProperty("id").GetString());
        Assert.False(searches[0].TryGetProperty("search_after", out _));
        var sort = searches[0].GetProperty("sort");
        Assert.Equal("_shard_doc", (sort.ValueKind == JsonValueKind.Array ? sort[0] : sort).EnumerateObject().Single().Name);
        Assert.Equal("pit-2", searches[1].GetProperty("pit").GetProperty("id").GetString());
        Assert.Equal(2, searches[1].GetProperty("search_after")[0].GetInt64());
        Assert.Equal("pit-3", Assert.Single(es.RequestsTo("DELETE", "/_pit")).Json().GetProperty("id").GetString());
    }

    [Fact]
    public async Task Count_and_cluster_health_read_their_answers()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("POST", "/tweets/_count", 200, """{"count":1234,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0}}""");
        es.Enqueue("GET", "/_cluster/health", 408,
            """{"cluster_name":"docker-cluster","status":"red","timed_out":true,"number_of_nodes":1,"active_shards":0,"unassigned_shards":3}""");
        using var client = StubClient.For(es);

        var count = await client.Search.CountAsync("tweets", new TermQuery { Field = "lang", Value = "en" });
        var health = await client.Cluster.HealthAsync("yellow", TimeSpan.FromSeconds(30));

        Assert.Equal(1234, count);
        Assert.Equal("en", es.RequestsTo("POST", "/tweets/_count")[0].Json().GetProperty("query").GetProperty("term").GetProperty("lang").GetProperty("value").GetString());
        Assert.Equal(("red", true, false, 3), (health.Status, health.TimedOut, health.IsUsable, health.UnassignedShards));
        var query = es.RequestsTo("GET", "/_cluster/health")[0].Query;
        Assert.Contains("wait_for_status=yellow", query);
        Assert.Contains("timeout=30s", query);
    }

    private static string Page(string pitId, params (string Id, long Sort)[] hits)
    {
        var array = new JsonArray();
        foreach (var (id, sort) in hits)
        {
            var tweet = JsonSerializer.SerializeToNode(SampleTweets.Full(id), DocumentJsonContext.Default.TweetDocument);
            array.Add(new JsonObject { ["_index"] = "tweets-2024.10", ["_id"] = id, ["_score"] = null, ["_source"] = tweet, ["sort"] = new JsonArray(sort) });
        }

        return new JsonObject
        {
            ["pit_id"] = pitId,
            ["took"] = 1,
            ["timed_out"] = false,
            ["hits"] = new JsonObject { ["total"] = new JsonObject { ["value"] = 3, ["relation"] = "eq" }, ["max_score"] = null, ["hits"] = array },
        }.ToJsonString();
    }
}
