using System.Text.Json.Nodes;
using Etl.Elastic;
using Etl.Elastic.Transport;
using Etl.Schemas.Elasticsearch;
using Etl.Scheduler.Hosting;
using Etl.Scheduler.Jobs;
using Etl.Scheduler.Rollups;
using Etl.Testing.Elasticsearch;
using Microsoft.Extensions.Options;

namespace Etl.Scheduler.Tests.Jobs;

public sealed class RollupJobTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 7, 20, TimeSpan.Zero);

    [Fact]
    public async Task Minute_rollup_pages_the_composite_aggregation_and_writes_one_document_per_bucket_under_a_stable_id()
    {
        await using var stub = await ElasticsearchStub.StartAsync();
        using var client = new ElasticsearchClient(new ElasticsearchOptions { Url = stub.Url.ToString() });
        var job = new RollupJob(client, Options.Create(new SchedulerOptions { RollupLateBuckets = 5 }), TimeProvider.System);
        var first = new DateTimeOffset(2024, 5, 1, 12, 2, 0, TimeSpan.Zero);
        EnqueuePages(stub, first);
        EnqueuePages(stub, first);

        var figures = await job.RunAsync(RollupInterval.Minute, Now, CancellationToken.None);
        var firstSources = stub.Documents.Where(d => d.Index == "tweets-rollup-1m").OrderBy(d => d.Id).Select(d => d.Source).ToList();
        // A retry or a recovered run of the same job works as of the same instant: the same documents, overwritten.
        await job.RunAsync(RollupInterval.Minute, Now, CancellationToken.None);

        Assert.Equal(2, figures["buckets_read"]);
        Assert.Equal(2, figures["documents_written"]);
        Assert.Equal(120 + 80, figures["tweets_counted"]);
        var documents = stub.Documents.Where(d => d.Index == "tweets-rollup-1m").OrderBy(d => d.Id).ToList();
        Assert.Equal([$"1m-{first.ToUnixTimeMilliseconds()}", $"1m-{first.AddMinutes(1).ToUnixTimeMilliseconds()}"], documents.Select(d => d.Id));
        Assert.All(documents, d => Assert.Equal(2, d.Version));
        Assert.Equal(firstSources, documents.Select(d => d.Source));
        var source = JsonNode.Parse(documents[0].Source!)!;
        Assert.Equal(120, source["tweets"]!.GetValue<long>());
        Assert.Equal(0.1234, source["mean_sentiment"]!.GetValue<double>(), 4);
        Assert.Equal("1m", source["interval"]!.GetValue<string>());
        Assert.Equal("coffee", source["hashtags"]![0]!["key"]!.GetValue<string>());
        Assert.Equal(40, source["sentiment"]!["negative"]!.GetValue<long>());
        Assert.Equal(300 + 20 + 900 + 10, source["engagement"]!["total"]!.GetValue<long>());
        Assert.Equal(first.AddMinutes(1), source["bucket_end"]!.GetValue<DateTimeOffset>());
        MappingAssert.EveryFieldMapped(ElasticsearchTemplates.Rollups.ReadJson(), source);

        var request = stub.RequestsTo("POST", "/tweets/_search")[0].Json();
        var composite = request.GetProperty("aggregations").GetProperty("composite").GetProperty("composite");
        Assert.Equal("1m", composite.GetProperty("sources")[0].GetProperty("bucket").GetProperty("date_histogram").GetProperty("calendar_interval").GetString());
        var range = request.GetProperty("query").GetProperty("range").GetProperty("created_at");
        // The current bucket (12:07) and the five before it: late tweets in those buckets are counted on every run.
        Assert.Equal("2024-05-01T12:02:00.0000000Z", range.GetProperty("gte").GetString());
        Assert.Equal("2024-05-01T12:08:00.0000000Z", range.GetProperty("lt").GetString());
        var second = stub.RequestsTo("POST", "/tweets/_search")[1].Json();
        Assert.Equal(first.AddMinutes(1).ToUnixTimeMilliseconds(), second.GetProperty("aggregations").GetProperty("composite").GetProperty("composite").GetProperty("after").GetProperty("bucket").GetInt64());
    }

    [Fact]
    public async Task A_rollup_document_the_cluster_rejects_fails_the_run()
    {
        await using var stub = await ElasticsearchStub.StartAsync();
        using var client = new ElasticsearchClient(new ElasticsearchOptions { Url = stub.Url.ToString() });
        var job = new RollupJob(client, Options.Create(new SchedulerOptions()), TimeProvider.System);
        EnqueuePages(stub, new DateTimeOffset(2024, 5, 1, 12, 2, 0, TimeSpan.Zero));
        stub.BulkItemRule = item => ItemOutcome.DocumentParsing("tweets", item.Id ?? "");

        var error = await Assert.ThrowsAsync<JobOutputRejectedException>(() => job.RunAsync(RollupInterval.Minute, Now, CancellationToken.None));

        Assert.Contains("tweets-rollup-1m", error.Message);
    }

    private static void EnqueuePages(ElasticsearchStub stub, DateTimeOffset first)
    {
        var buckets = new[]
        {
            Bucket(first, 120, 0.1234, ("coffee", 30), ("NBA", 12)),
            Bucket(first.AddMinutes(1), 80, -0.05, ("weather", 9)),
        };
        var after = new JsonObject { ["bucket"] = first.AddMinutes(1).ToUnixTimeMilliseconds() };
        stub.Enqueue("POST", "/tweets/_search", 200, SearchResponses.Composite("composite", buckets, after));
        stub.Enqueue("POST", "/tweets/_search", 200, SearchResponses.Composite("composite", [], null));
    }

    private static JsonObject Bucket(DateTimeOffset start, long count, double mean, params (string, long)[] hashtags) => new()
    {
        ["key"] = new JsonObject { ["bucket"] = start.ToUnixTimeMilliseconds() },
        ["doc_count"] = count,
        ["mean_sentiment"] = SearchResponses.Value(mean),
        ["retweet_count"] = SearchResponses.Value(300),
        ["reply_count"] = SearchResponses.Value(20),
        ["like_count"] = SearchResponses.Value(900),
        ["quote_count"] = SearchResponses.Value(10),
        ["hashtags"] = SearchResponses.Terms(hashtags),
        ["languages"] = SearchResponses.Terms(("en", count - 20), ("es", 20)),
        ["countries"] = SearchResponses.Terms(("US", 15), ("GB", 4)),
        ["sentiment"] = SearchResponses.Terms(("neutral", count - 70), ("positive", 30), ("negative", 40)),
    };
}
