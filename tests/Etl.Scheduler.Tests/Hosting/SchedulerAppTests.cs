using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.Scheduler.Api;
using Etl.Scheduler.Jobs;
using Etl.Scheduler.Tests.Jobs;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace Etl.Scheduler.Tests.Hosting;

[Collection(SchedulerAppCollection.Name)]
public sealed class SchedulerAppTests(SchedulerAppFixture fixture)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("GET", "/hangfire")]
    [InlineData("GET", "/hangfire/recurring")]
    [InlineData("POST", "/hangfire/recurring/trigger")]
    public async Task Dashboard_without_credentials_gets_401_with_a_basic_challenge(string method, string path)
    {
        using var client = fixture.Dashboard(username: null);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Basic realm=", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData(SchedulerAppFixture.Username, "wrong-password")]
    [InlineData("admin", SchedulerAppFixture.Password)]
    [InlineData(SchedulerAppFixture.ViewerName, SchedulerAppFixture.Password)]
    public async Task Dashboard_with_a_wrong_credential_gets_401(string username, string password)
    {
        using var client = fixture.Dashboard(username, password);

        using var response = await client.GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(SchedulerAppFixture.Username, SchedulerAppFixture.Password)]
    [InlineData(SchedulerAppFixture.ViewerName, SchedulerAppFixture.ViewerPassword)]
    public async Task Dashboard_lists_every_recurring_job_to_the_operator_and_the_viewer(string username, string password)
    {
        using var client = fixture.Dashboard(username, password);

        var page = await client.GetStringAsync("/hangfire/recurring");

        Assert.All(JobNames.All, name => Assert.Contains(name, page));
    }

    [Fact]
    public async Task Operator_triggers_retention_from_the_dashboard_and_it_succeeds_with_its_figures()
    {
        using var client = fixture.Dashboard();
        fixture.Elasticsearch.Enqueue("GET", "/tweets-*", 200, """{"tweets-2020.01":{"aliases":{}},"tweets-rollup-1m":{"aliases":{}},"tweets-2099.01":{"aliases":{}}}""");
        fixture.Elasticsearch.Enqueue("DELETE", "/tweets-2020.01", 200, """{"acknowledged":true}""");

        var job = await DashboardActions.TriggerAndGetJobAsync(client, fixture.Storage, JobNames.Retention);
        var details = await DashboardActions.WaitForStateAsync(fixture.Storage, job, JobTimeout, SucceededState.StateName, FailedState.StateName);

        Assert.Equal(SucceededState.StateName, details.History[0].StateName);
        Assert.Contains("\"indices_deleted\":1", details.History[0].Data["Result"]);
        Assert.Single(fixture.Elasticsearch.RequestsTo("DELETE", "/tweets-2020.01"));
        Assert.Empty(fixture.Elasticsearch.RequestsTo("DELETE", "/tweets-rollup-1m"));
        var page = await client.GetStringAsync($"/hangfire/jobs/details/{job}");
        Assert.Contains("Succeeded", page);
    }

    [Fact]
    public async Task Viewer_sees_the_jobs_but_cannot_trigger_one()
    {
        using var viewer = fixture.Dashboard(SchedulerAppFixture.ViewerName, SchedulerAppFixture.ViewerPassword);
        var before = DashboardActions.LastJobId(fixture.Storage, JobNames.DayRollup);

        using var response = await DashboardActions.TriggerAsync(viewer, JobNames.DayRollup);
        await Task.Delay(500);

        Assert.False(response.IsSuccessStatusCode, $"The read-only user's trigger answered {(int)response.StatusCode}.");
        Assert.Equal(before, DashboardActions.LastJobId(fixture.Storage, JobNames.DayRollup));
    }

    [Fact]
    public async Task A_failing_job_is_retried_then_shows_as_failed_with_its_exception()
    {
        using var client = fixture.Dashboard();
        // Every request fails as during a cluster outage; the transport's own retries give up and the run fails.
        fixture.Elasticsearch.FailAllRequests(503);
        try
        {
            var job = await DashboardActions.TriggerAndGetJobAsync(client, fixture.Storage, JobNames.HourRollup);
            var jobs = new BackgroundJobClient(fixture.Storage);
            // The retry delays are real (20 s and up); requeueing each scheduled retry, as the dashboard's
            // "Enqueue now" does, runs the same attempts without the wait.
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                var retry = await DashboardActions.WaitForStateAsync(fixture.Storage, job, JobTimeout, ScheduledState.StateName);
                Assert.Contains($"Retry attempt {attempt} of 3", retry.History[0].Reason);
                Assert.True(jobs.Requeue(job));
            }

            var failed = await DashboardActions.WaitForStateAsync(fixture.Storage, job, JobTimeout, FailedState.StateName);
            Assert.Contains("503", failed.History[0].Data["ExceptionMessage"]);
            Assert.Equal(4, failed.History.Count(h => h.StateName == ProcessingState.StateName));
            var page = await client.GetStringAsync($"/hangfire/jobs/details/{job}");
            Assert.Contains(WebUtility.HtmlEncode(failed.History[0].Data["ExceptionType"]), page);
            Assert.Contains($"jobs/details/{job}", await client.GetStringAsync("/hangfire/jobs/failed"));
        }
        finally
        {
            fixture.Elasticsearch.StopFailing();
        }
    }

    [Fact]
    public async Task Probes_answer_without_credentials_and_ready_means_database_up_and_server_registered()
    {
        using var client = fixture.Dashboard(username: null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var ready = await client.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("reachable", ready.GetProperty("postgres").GetString());
        Assert.True(ready.GetProperty("servers").GetInt32() >= 1);
    }

    [Theory]
    [InlineData("/api/search?q=eclipse")]
    [InlineData("/api/trends")]
    [InlineData("/api/hashtags/top")]
    public async Task Query_api_without_its_key_gets_401_and_the_dashboard_login_is_not_a_key(string path)
    {
        using var anonymous = fixture.Api(withKey: false);
        using var dashboardUser = fixture.Dashboard();

        using var none = await anonymous.GetAsync(path);
        using var wrong = await dashboardUser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.StartsWith("Bearer", none.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Search_runs_knn_only_over_the_embedders_documents_with_filters_and_caches_on_normalised_parameters()
    {
        using var client = fixture.Api();
        var hit = SearchResponses.Hit("tweets-2024.05", "42", new JsonObject
        {
            ["id"] = "42",
            ["created_at"] = "2024-05-01T00:31:00Z",
            ["text"] = "totality right now #SolarEclipse",
            ["hashtags"] = new JsonArray("SolarEclipse"),
        }, 0);
        hit["_score"] = 0.91;
        fixture.Elasticsearch.Enqueue("POST", "/tweets/_search", 200, SearchResponses.Hits([hit]));
        var earlier = fixture.Elasticsearch.RequestsTo("POST", "/tweets/_search").Count;

        var first = await client.GetFromJsonAsync<JsonElement>("/api/search?q=solar+eclipse&k=5&since=2h&lang=en");
        var second = await client.GetFromJsonAsync<JsonElement>("/api/search?lang=EN&since=2h&k=5&q=%20Solar%20%20Eclipse");

        Assert.Equal("42", first[0].GetProperty("id").GetString());
        Assert.Equal(first.GetRawText(), second.GetRawText());
        // Other tests of the collection search the same stub; this one's requests come after `earlier`.
        var request = Assert.Single(fixture.Elasticsearch.RequestsTo("POST", "/tweets/_search").Skip(earlier), r => r.BodyText.Contains("\"knn\"")).Json();
        var knn = request.GetProperty("knn");
        Assert.Equal(384, knn.GetProperty("query_vector").GetArrayLength());
        Assert.Equal(5, knn.GetProperty("k").GetInt32());
        var filters = knn.GetProperty("filter").GetProperty("bool").GetProperty("filter").EnumerateArray().Select(f => f.GetRawText()).ToList();
        var embedder = fixture.App.Services.GetRequiredService<Etl.Enrichment.Embedding.IEmbedder>().Name;
        Assert.Contains(filters, f => f.Contains("\"pipeline.embedder\":{\"value\":\"" + embedder + "\"}"));
        Assert.Contains(filters, f => f.Contains("\"created_at\"") && f.Contains("\"gte\""));
        Assert.Contains(filters, f => f.Contains("\"lang\":{\"value\":\"en\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/search?q=x&since=yesterday")).StatusCode);
    }

    [Fact]
    public async Task The_query_cache_holds_no_more_answers_than_its_limit()
    {
        using var client = fixture.Api();
        var cache = fixture.App.Services.GetRequiredService<QueryCache>();

        for (var size = 1; size <= 8; size++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/trends?size={size}")).StatusCode);
            Assert.True(cache.Count <= 3, $"{cache.Count} answers cached with QueryApi:CacheEntries=3.");
        }
    }

    [Fact]
    public async Task Top_hashtags_come_from_a_terms_aggregation_over_the_window()
    {
        using var client = fixture.Api();
        var body = JsonNode.Parse(SearchResponses.Composite("unused", [], null))!.AsObject();
        body["aggregations"] = new JsonObject { ["top"] = SearchResponses.Terms(("SolarEclipse", 250), ("coffee", 40)) };
        fixture.Elasticsearch.Enqueue("POST", "/tweets/_search", 200, body.ToJsonString());

        var top = await client.GetFromJsonAsync<JsonElement>("/api/hashtags/top?window=30m");

        Assert.Equal("SolarEclipse", top[0].GetProperty("hashtag").GetString());
        Assert.Equal(250, top[0].GetProperty("tweets").GetInt64());
    }
}
