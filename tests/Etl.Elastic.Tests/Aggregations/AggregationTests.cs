using System.Text.Json.Nodes;
using Etl.Elastic.Aggregations;
using Etl.Elastic.Search;
using Etl.Elastic.Serialization;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Reference;
using Xunit;

namespace Etl.Elastic.Tests.Aggregations;

public sealed class AggregationTests
{
    private static string Reference(string file) => ReferenceData.ReadText("elasticsearch_responses/aggregations/" + file);

    /// <summary>
    /// The aggregations of <paramref name="json"/> as the official client reads them: the stub answers a search that asks
    /// for <paramref name="requested"/> (so it can add the typed keys the client asks for, as Elasticsearch does).
    /// </summary>
    private static async Task<AggregationResults> AggregationsAsync(string json, Dictionary<string, Aggregation> requested)
    {
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("POST", "/tweets/_search", 200, WithHits(json));
        using var client = StubClient.For(es);
        var response = await client.Search.SearchAsync("tweets", new SearchRequest { Size = 0, Source = false, Aggregations = requested }, ElasticJsonNodeContext.Default.JsonNode);
        return response.Aggregations;
    }

    private static Dictionary<string, Aggregation> One(string name, Aggregation aggregation) =>
        new(StringComparer.Ordinal) { [name] = aggregation };

    [SkippableFact]
    public async Task Composite_pages_follow_after_key_until_an_empty_page()
    {
        var firstPage = Reference("docs_composite_after_key_response.json");
        await using var es = await ElasticsearchStub.StartAsync();
        // The reference body names its aggregation my_buckets; the client names its own "composite".
        es.Enqueue("POST", "/tweets/_search", 200, WithHits(firstPage.Replace("my_buckets", "composite")));
        es.Enqueue("POST", "/tweets/_search", 200, WithHits("""{"aggregations":{"composite":{"buckets":[]}}}"""));
        using var client = StubClient.For(es);
        var composite = new CompositeAggregation(
            [CompositeSource.DateHistogram("date", "created_at", "1d"), CompositeSource.Terms("product", "hashtags")], Size: 2);

        var buckets = new List<CompositeBucket>();
        await foreach (var bucket in client.Search.CompositeAsync("tweets", composite))
        {
            buckets.Add(bucket);
        }

        Assert.Equal(["rocky", "mad max"], buckets.Select(b => b.KeyString("product")));
        Assert.Equal([1, 2], buckets.Select(b => b.DocCount));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1494201600000), buckets[0].KeyDate("date"));
        var requests = es.RequestsTo("POST", "/tweets/_search").Select(r => r.Json()).ToList();
        Assert.Equal(2, requests.Count);
        var first = requests[0].GetProperty("aggregations").GetProperty("composite").GetProperty("composite");
        Assert.False(first.TryGetProperty("after", out _));
        Assert.Equal(2, first.GetProperty("size").GetInt32());
        Assert.Equal("1d", first.GetProperty("sources")[0].GetProperty("date").GetProperty("date_histogram").GetProperty("calendar_interval").GetString());
        Assert.False(first.GetProperty("sources")[1].GetProperty("product").GetProperty("terms").TryGetProperty("size", out _));
        var after = requests[1].GetProperty("aggregations").GetProperty("composite").GetProperty("composite").GetProperty("after");
        Assert.Equal(1494288000000, after.GetProperty("date").GetInt64());
        Assert.Equal("mad max", after.GetProperty("product").GetString());
        Assert.Equal(0, requests[1].GetProperty("size").GetInt32());
    }

    [SkippableFact]
    public async Task Composite_buckets_expose_sub_aggregation_metrics()
    {
        var composite = new CompositeAggregation([CompositeSource.DateHistogram("date", "timestamp", "1d"), CompositeSource.Terms("product", "product")])
        {
            SubAggregations = One("the_avg", MetricAggregation.Avg("price")),
        };
        var page = (await AggregationsAsync(Reference("docs_composite_subaggs_avg_response.json"), One("my_buckets", composite))).Composite("my_buckets");

        Assert.Equal(4, page.Buckets.Count);
        Assert.Equal([10.0, 27.0, 22.5, 10.0], page.Buckets.Select(b => b.Aggregations.Metric("the_avg")!.Value));
        Assert.Equal("rocky", page.AfterKey!["product"].ToString());
    }

    [SkippableTheory]
    // The keyed form (keyed: true, buckets as an object) is not offered: the official client reads only the array form.
    [InlineData("docs_date_histogram_1M_format_response.fragment.json")]
    public async Task Date_histogram_reads_its_buckets(string file)
    {
        var histogram = new DateHistogramAggregation("date") { CalendarInterval = "1M", Format = "yyyy-MM-dd" };
        var buckets = (await AggregationsAsync(Reference(file), One("sales_over_time", histogram))).DateHistogram("sales_over_time");

        Assert.Equal(["2015-01-01", "2015-02-01", "2015-03-01"], buckets.Select(b => b.KeyAsString));
        Assert.Equal([3, 2, 2], buckets.Select(b => b.DocCount));
        Assert.Equal(new DateTimeOffset(2015, 2, 1, 0, 0, 0, TimeSpan.Zero), buckets[1].Start);
    }

    [SkippableFact]
    public async Task Date_histogram_with_time_zone_keeps_utc_start_and_local_label()
    {
        var histogram = new DateHistogramAggregation("date") { CalendarInterval = "day", TimeZone = "-01:00" };
        var buckets = (await AggregationsAsync(Reference("docs_date_histogram_time_zone_response.fragment.json"), One("by_day", histogram))).DateHistogram("by_day");

        Assert.Equal(new DateTimeOffset(2015, 9, 30, 1, 0, 0, TimeSpan.Zero), buckets[0].Start);
        Assert.Equal("2015-09-30T00:00:00.000-01:00", buckets[0].KeyAsString);
    }

    [SkippableFact]
    public async Task Empty_date_histogram_inside_async_search_has_no_buckets()
    {
        var inner = JsonNode.Parse(Reference("spec_AsyncSearchGetResponseExample1_date_histogram_empty.json"))!["response"]!.ToJsonString();
        var aggregations = await AggregationsAsync(inner, One("sale_date", new DateHistogramAggregation("date") { CalendarInterval = "1d" }));

        Assert.Empty(aggregations.DateHistogram("sale_date"));
    }

    [Fact]
    public async Task Terms_buckets_and_missing_names_are_reported_clearly()
    {
        var terms = new TermsAggregation("geo.city") { SubAggregations = One("avg_score", MetricAggregation.Avg("sentiment.score")) };
        var results = await AggregationsAsync("""
            {"aggregations":{"top":{"doc_count_error_upper_bound":0,"sum_other_doc_count":5,
              "buckets":[{"key":"berlin","doc_count":7,"avg_score":{"value":0.25}},{"key":"paris","doc_count":3,"avg_score":{"value":null}}]}}}
            """, One("top", terms));

        var buckets = results.Terms("top");

        Assert.Equal([("berlin", 7L), ("paris", 3L)], buckets.Select(b => (b.Key, b.DocCount)));
        Assert.Equal(0.25, buckets[0].Aggregations.Metric("avg_score"));
        Assert.Null(buckets[1].Aggregations.Metric("avg_score"));
        var ex = Assert.Throws<KeyNotFoundException>(() => results.Terms("hashtags"));
        Assert.Contains("present: top", ex.Message);
    }

    [Fact]
    public async Task Request_nests_sub_aggregations_and_validates_intervals()
    {
        var terms = new TermsAggregation("hashtags", 20)
        {
            SubAggregations = One("mood", MetricAggregation.Avg("sentiment.score")),
        };
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("POST", "/tweets/_search", 200, WithHits("""{"aggregations":{"top":{"buckets":[]}}}"""));
        using var client = StubClient.For(es);

        await client.Search.SearchAsync("tweets", new SearchRequest { Size = 0, Aggregations = One("top", terms) }, ElasticJsonNodeContext.Default.JsonNode);

        var top = Assert.Single(es.RequestsTo("POST", "/tweets/_search")).Json().GetProperty("aggregations").GetProperty("top");
        Assert.Equal("hashtags", top.GetProperty("terms").GetProperty("field").GetString());
        Assert.Equal(20, top.GetProperty("terms").GetProperty("size").GetInt32());
        Assert.Equal("sentiment.score", top.GetProperty("aggregations").GetProperty("mood").GetProperty("avg").GetProperty("field").GetString());
        Assert.Throws<InvalidOperationException>(() => new DateHistogramAggregation("created_at").ToClient());
        var hourly = new DateHistogramAggregation("created_at") { FixedInterval = "1h", TimeZone = "Europe/Berlin" }.ToClient();
        Assert.Equal("Europe/Berlin", hourly.DateHistogram!.TimeZone);
    }

    private static string WithHits(string aggregationsOnly)
    {
        var node = JsonNode.Parse(aggregationsOnly)!.AsObject();
        node["took"] = 3;
        node["timed_out"] = false;
        node["hits"] = JsonNode.Parse("""{"total":{"value":5,"relation":"eq"},"max_score":null,"hits":[]}""");
        return node.ToJsonString();
    }
}
