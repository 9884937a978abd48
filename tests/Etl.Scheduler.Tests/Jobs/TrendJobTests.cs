using System.Text.Json.Nodes;
using Etl.Elastic;
using Etl.Elastic.Transport;
using Etl.Enrichment.Embedding;
using Etl.Schemas.Elasticsearch;
using Etl.Scheduler.Hosting;
using Etl.Scheduler.Jobs;
using Etl.Scheduler.Tests.Trends;
using Etl.Testing.Elasticsearch;
using Etl.Worker.Generation;
using Microsoft.Extensions.Options;

namespace Etl.Scheduler.Tests.Jobs;

public sealed class TrendJobTests
{
    [Theory]
    [InlineData(5000)]
    [InlineData(300)]
    public async Task Trend_job_pages_the_window_through_a_point_in_time_keeps_within_its_bound_and_writes_the_planted_trend(int maxPerWindow)
    {
        var settings = GeneratedStream.Settings(1, PlantedTrend.Parse("solar-eclipse:30m:20m:0.3"), PlantedTrend.Parse("data-breach:75m:15m:0.15"));
        // At 00:35:15 the last complete window is 00:30-00:35, when the eclipse starts; baseline 00:00-00:30.
        var now = settings.Start.AddMinutes(35).AddSeconds(15);
        var windowStart = settings.Start.AddMinutes(30);
        var documents = GeneratedStream.Documents(settings).Where(d => d.CreatedAt < settings.Start.AddMinutes(35)).ToList();
        var inWindow = documents.Count(d => d.CreatedAt >= windowStart);
        var expectedShare = Math.Min(1, Math.Min((double)maxPerWindow / inWindow, maxPerWindow * 6.0 / (documents.Count - inWindow)));
        await using var stub = await ElasticsearchStub.StartAsync();
        stub.Enqueue("POST", "/tweets/_count", 200, $$"""{"count":{{inWindow}}}""");
        stub.Enqueue("POST", "/tweets/_count", 200, $$"""{"count":{{documents.Count - inWindow}}}""");
        stub.Enqueue("POST", "/tweets/_pit", 200, """{"id":"pit-1"}""");
        var pages = documents.Chunk(1000).ToList();
        for (var p = 0; p < pages.Count; p++)
        {
            var hits = pages[p].Select((d, i) => SearchResponses.Hit("tweets-2024.05", d.Id, new JsonObject
            {
                ["id"] = d.Id,
                ["created_at"] = d.CreatedAt.ToString("O"),
                ["text"] = d.Text,
                ["hashtags"] = new JsonArray([.. d.Hashtags.Select(h => (JsonNode)h)]),
                ["embedding"] = new JsonArray([.. d.Embedding!.Select(v => (JsonNode)v)]),
            }, (p * 1000) + i));
            stub.Enqueue("POST", "/_search", 200, SearchResponses.Hits(hits, "pit-" + (p + 2)));
        }

        stub.Enqueue("POST", "/tweets-trends/_search", 404, ElasticsearchErrorBodies.Error(404, "index_not_found_exception", "no such index [tweets-trends]"));
        using var client = new ElasticsearchClient(new ElasticsearchOptions { Url = stub.Url.ToString() });
        var embedder = new HashingEmbedder();
        var job = new TrendJob(client, embedder, Options.Create(new SchedulerOptions { TrendMaxTweetsPerWindow = maxPerWindow }), TimeProvider.System);

        var figures = await job.RunAsync(now, CancellationToken.None);

        Assert.Equal(documents.Count, figures["documents_read"]);
        Assert.True(figures["window_tweets"] <= maxPerWindow, $"{figures["window_tweets"]} window tweets held, bound {maxPerWindow}.");
        Assert.True(figures["baseline_tweets"] <= maxPerWindow * 6L);
        Assert.InRange(figures["window_tweets"], inWindow * expectedShare * 0.8, (inWindow * expectedShare * 1.2) + 1);
        var trend = Assert.Single(stub.Documents, d => d.Index == "tweets-trends");
        var source = JsonNode.Parse(trend.Source!)!;
        Assert.Contains("#SolarEclipse", source["label"]!.GetValue<string>());
        Assert.Equal("2024-05-01T00:30:00+00:00", source["window_start"]!.GetValue<DateTimeOffset>().ToString("yyyy-MM-ddTHH:mm:sszzz"));
        Assert.Equal(384, source["centroid"]!.AsArray().Count);
        Assert.StartsWith(source["trend_id"]!.GetValue<string>() + "@", trend.Id);
        // Sizes are given in tweets of the whole window, whatever share was clustered.
        Assert.InRange(source["size"]!.GetValue<long>(), inWindow * 0.2, inWindow * 0.45);
        MappingAssert.EveryFieldMapped(ElasticsearchTemplates.Trends.ReadJson(), source);

        var count = stub.RequestsTo("POST", "/tweets/_count")[0].Json();
        Assert.Contains("\"pipeline.embedder\":{\"value\":\"" + embedder.Name + "\"}", count.GetRawText());
        var firstPage = stub.RequestsTo("POST", "/_search")[0].Json();
        Assert.Contains("\"pipeline.embedder\":{\"value\":\"" + embedder.Name + "\"}", firstPage.GetProperty("query").GetRawText());
        Assert.Equal("pit-1", firstPage.GetProperty("pit").GetProperty("id").GetString());
        Assert.Equal(["id", "created_at", "text", "hashtags", "embedding"], firstPage.GetProperty("_source").GetProperty("includes").EnumerateArray().Select(e => e.GetString()));
        // Elasticsearch 9 leaves vectors out of _source unless asked; the job needs the embeddings.
        Assert.Contains("_source_exclude_vectors=false", stub.RequestsTo("POST", "/_search")[0].Query);
        var secondPage = stub.RequestsTo("POST", "/_search")[1].Json();
        Assert.Equal("pit-2", secondPage.GetProperty("pit").GetProperty("id").GetString());
        Assert.Equal(999, secondPage.GetProperty("search_after")[0].GetInt64());
        Assert.Single(stub.RequestsTo("DELETE", "/_pit"));
    }
}
