using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.Scheduler.Tests.Jobs;

namespace Etl.Scheduler.Tests.Hosting;

public sealed class SchedulerAppTests(SchedulerAppFixture fixture) : IClassFixture<SchedulerAppFixture>
{
    [Theory]
    [InlineData("GET", "/console")]
    [InlineData("GET", "/api/jobs")]
    [InlineData("POST", "/api/jobs/retention/run")]
    [InlineData("GET", "/api/search?q=eclipse")]
    [InlineData("GET", "/api/trends")]
    [InlineData("GET", "/api/hashtags/top")]
    public async Task Requests_without_the_console_credential_get_401_with_a_basic_challenge(string method, string path)
    {
        using var client = fixture.Client(authenticated: false);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Basic realm=", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_wrong_password_gets_401()
    {
        using var client = fixture.Client(authenticated: false);
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("operator:wrong-password"u8.ToArray()));

        using var response = await client.GetAsync("/api/jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Probes_answer_without_credentials_and_ready_means_scheduler_and_database_up()
    {
        using var client = fixture.Client(authenticated: false);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var ready = await client.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("started", ready.GetProperty("scheduler").GetString());
        Assert.Equal("reachable", ready.GetProperty("postgres").GetString());
    }

    [Fact]
    public async Task Jobs_api_lists_the_jobs_and_run_now_runs_one_with_its_history_recorded()
    {
        using var client = fixture.Client();
        fixture.Elasticsearch.Enqueue("GET", "/_cat/indices/tweets-*", 200, """[{"index":"tweets-2020.01"},{"index":"tweets-rollup-1m"},{"index":"tweets-2099.01"}]""");

        var jobs = await client.GetFromJsonAsync<JsonElement>("/api/jobs");
        using var run = await client.PostAsync("/api/jobs/retention/run", null);
        var history = await WaitForRunAsync(client, "retention");

        Assert.Equal(
            new[] { "dlq-redrive", "retention", "rollup-hour", "rollup-minute", "trend-clustering" },
            jobs.EnumerateArray().Select(j => j.GetProperty("name").GetString()).Order());
        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        Assert.Equal("succeeded", history.GetProperty("outcome").GetString());
        Assert.Equal(1, history.GetProperty("figures").GetProperty("indices_deleted").GetInt64());
        Assert.Single(fixture.Elasticsearch.RequestsTo("DELETE", "/tweets-2020.01"));
        Assert.Empty(fixture.Elasticsearch.RequestsTo("DELETE", "/tweets-rollup-1m"));
    }

    [Fact]
    public async Task A_failing_run_shows_its_error_among_recent_failures_on_the_console()
    {
        using var client = fixture.Client();
        // Every request fails as during a cluster outage; the transport's own retries give up and the run fails.
        fixture.Elasticsearch.FailAllRequests(503);
        using var run = await client.PostAsync("/api/jobs/rollup-hour/run", null);
        var history = await WaitForRunAsync(client, "rollup-hour");
        fixture.Elasticsearch.StopFailing();
        var page = await client.GetStringAsync("/console");

        Assert.Equal("failed", history.GetProperty("outcome").GetString());
        Assert.Contains("rollup-hour", page);
        Assert.Contains("trend-clustering", page);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(history.GetProperty("error").GetString()!), page);
        Assert.Contains("503", history.GetProperty("error").GetString());
        Assert.Contains("app-node", page);
    }

    [Fact]
    public async Task Pause_and_resume_change_the_job_and_an_unknown_job_is_404()
    {
        using var client = fixture.Client();

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/jobs/trend-clustering/pause", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/jobs/trend-clustering/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/jobs/no-such-job/run", null)).StatusCode);
    }

    [Fact]
    public async Task Search_embeds_the_query_runs_knn_with_the_time_filter_and_caches_hot_queries()
    {
        using var client = fixture.Client();
        var hit = SearchResponses.Hit("tweets-2024.05", "42", new JsonObject
        {
            ["id"] = "42",
            ["created_at"] = "2024-05-01T00:31:00Z",
            ["text"] = "totality right now #SolarEclipse",
            ["hashtags"] = new JsonArray("SolarEclipse"),
        }, 0);
        hit["_score"] = 0.91;
        fixture.Elasticsearch.Enqueue("POST", "/tweets/_search", 200, SearchResponses.Hits([hit]));

        var first = await client.GetFromJsonAsync<JsonElement>("/api/search?q=solar+eclipse&k=5&since=2h");
        var second = await client.GetFromJsonAsync<JsonElement>("/api/search?q=solar+eclipse&k=5&since=2h");

        Assert.Equal("42", first[0].GetProperty("id").GetString());
        Assert.Equal(first.GetRawText(), second.GetRawText());
        var request = Assert.Single(fixture.Elasticsearch.RequestsTo("POST", "/tweets/_search"), r => r.BodyText.Contains("\"knn\"")).Json();
        var knn = request.GetProperty("knn");
        Assert.Equal(384, knn.GetProperty("query_vector").GetArrayLength());
        Assert.Equal(5, knn.GetProperty("k").GetInt32());
        Assert.True(knn.GetProperty("filter").GetProperty("range").GetProperty("created_at").TryGetProperty("gte", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/search?q=x&since=yesterday")).StatusCode);
    }

    [Fact]
    public async Task Top_hashtags_come_from_a_terms_aggregation_over_the_window()
    {
        using var client = fixture.Client();
        var body = JsonNode.Parse(SearchResponses.Composite("unused", [], null))!.AsObject();
        body["aggregations"] = new JsonObject { ["top"] = SearchResponses.Terms(("SolarEclipse", 250), ("coffee", 40)) };
        fixture.Elasticsearch.Enqueue("POST", "/tweets/_search", 200, body.ToJsonString());

        var top = await client.GetFromJsonAsync<JsonElement>("/api/hashtags/top?window=30m");

        Assert.Equal("SolarEclipse", top[0].GetProperty("hashtag").GetString());
        Assert.Equal(250, top[0].GetProperty("tweets").GetInt64());
    }

    private static async Task<JsonElement> WaitForRunAsync(HttpClient client, string job)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var runs = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/runs?job={job}");
            if (runs.GetArrayLength() > 0 && runs[0].GetProperty("outcome").GetString() != "running")
            {
                return runs[0];
            }

            Assert.True(DateTime.UtcNow < deadline, $"No finished run of {job} within 30 s.");
            await Task.Delay(200);
        }
    }
}
