using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Etl.Testing.Elasticsearch;
using Xunit;

namespace Etl.Testing.Tests.Elasticsearch;

public sealed partial class ElasticsearchStubTests : IAsyncLifetime
{
    private ElasticsearchStub _es = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _es = await ElasticsearchStub.StartAsync();
        _http = new HttpClient { BaseAddress = _es.Url };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _es.DisposeAsync();
    }

    private static StringContent Ndjson(params string[] lines) =>
        new(string.Concat(lines.Select(l => l + "\n")), Encoding.UTF8, "application/x-ndjson");

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostBulkAsync(HttpContent content, string path = "_bulk")
    {
        using var response = await _http.PostAsync(path, content);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    [Fact]
    public async Task Binds_to_loopback_on_a_free_port()
    {
        Assert.Equal("127.0.0.1", _es.Url.Host);
        Assert.NotEqual(0, _es.Url.Port);
        await using var second = await ElasticsearchStub.StartAsync();
        Assert.NotEqual(_es.Url.Port, second.Url.Port);
    }

    [Fact]
    public async Task Bulk_by_default_acknowledges_each_item_from_its_action_line()
    {
        var (status, body) = await PostBulkAsync(Ndjson(
            """{"index":{"_index":"tweets-2024.01","_id":"1"}}""", """{"text":"a"}""",
            """{"create":{"_index":"tweets-2024.01","_id":"2"}}""", """{"text":"b"}""",
            """{"index":{"_index":"tweets-2024.01","_id":"1"}}""", """{"text":"a2"}"""));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("errors").GetBoolean());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        var first = items[0].GetProperty("index");
        Assert.Equal(201, first.GetProperty("status").GetInt32());
        Assert.Equal("created", first.GetProperty("result").GetString());
        Assert.Equal("tweets-2024.01", first.GetProperty("_index").GetString());
        Assert.Equal("1", first.GetProperty("_id").GetString());
        Assert.Equal(1, first.GetProperty("_version").GetInt64());
        Assert.Equal(2, first.GetProperty("_shards").GetProperty("total").GetInt32());
        Assert.Equal(201, items[1].GetProperty("create").GetProperty("status").GetInt32());
        var overwrite = items[2].GetProperty("index");
        Assert.Equal(200, overwrite.GetProperty("status").GetInt32());
        Assert.Equal("updated", overwrite.GetProperty("result").GetString());
        Assert.Equal(2, overwrite.GetProperty("_version").GetInt64());
        Assert.Equal(["1", "2"], _es.IndexedIds.Order());
        Assert.Contains(_es.Documents, d => d.Id == "1" && d.Source == """{"text":"a2"}""");
    }

    [Fact]
    public async Task Bulk_item_rule_fails_chosen_items_with_elasticsearch_error_shapes()
    {
        _es.BulkItemRule = item => item.Id switch
        {
            "2" => ItemOutcome.Rejected(),
            "3" => ItemOutcome.DocumentParsing("retweet_count", item.Id),
            _ => null,
        };

        var (_, body) = await PostBulkAsync(Ndjson(
            """{"index":{"_index":"t","_id":"1"}}""", "{}",
            """{"index":{"_index":"t","_id":"2"}}""", "{}",
            """{"index":{"_index":"t","_id":"3"}}""", """{"retweet_count":"abc"}"""));

        Assert.True(body.GetProperty("errors").GetBoolean());
        var items = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("index")).ToList();
        Assert.Equal(429, items[1].GetProperty("status").GetInt32());
        Assert.Equal("es_rejected_execution_exception", items[1].GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(400, items[2].GetProperty("status").GetInt32());
        var error = items[2].GetProperty("error");
        Assert.Equal("document_parsing_exception", error.GetProperty("type").GetString());
        Assert.Equal("illegal_argument_exception", error.GetProperty("caused_by").GetProperty("type").GetString());
        Assert.Equal(["1"], _es.IndexedIds);
    }

    [Fact]
    public async Task Bulk_rule_sees_attempt_numbers_so_a_retry_can_succeed()
    {
        _es.BulkItemRule = item => item.Attempt == 1 ? ItemOutcome.Rejected() : null;

        var (_, first) = await PostBulkAsync(Ndjson("""{"index":{"_index":"t","_id":"9"}}""", "{}"));
        var (_, second) = await PostBulkAsync(Ndjson("""{"index":{"_index":"t","_id":"9"}}""", "{}"));

        Assert.True(first.GetProperty("errors").GetBoolean());
        Assert.False(second.GetProperty("errors").GetBoolean());
        Assert.Equal(["9"], _es.IndexedIds);
    }

    [Fact]
    public async Task Bulk_without_trailing_newline_is_rejected_like_elasticsearch_does()
    {
        var content = new StringContent("""{"index":{"_index":"t","_id":"1"}}""" + "\n{}", Encoding.UTF8, "application/x-ndjson");

        var (status, body) = await PostBulkAsync(content);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("terminated by a newline", body.GetProperty("error").GetProperty("reason").GetString());
        Assert.Empty(_es.IndexedIds);
    }

    [Fact]
    public async Task Bulk_with_wrong_content_type_or_malformed_action_is_rejected()
    {
        var (status, _) = await PostBulkAsync(new StringContent("""{"index":{"_index":"t"}}""" + "\n{}\n", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.NotAcceptable, status);

        var (malformed, body) = await PostBulkAsync(Ndjson("""{"upsert":{"_index":"t"}}""", "{}"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed);
        Assert.Contains("Malformed action/metadata line [1]", body.GetProperty("error").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Bulk_takes_the_index_from_the_path_and_generates_missing_ids()
    {
        var (_, body) = await PostBulkAsync(Ndjson("""{"index":{}}""", """{"a":1}"""), "tweets-2024.02/_bulk");

        var item = body.GetProperty("items")[0].GetProperty("index");
        Assert.Equal("tweets-2024.02", item.GetProperty("_index").GetString());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("_id").GetString()));
    }

    [Fact]
    public async Task Create_of_an_existing_id_conflicts_and_delete_of_a_missing_id_is_not_found()
    {
        var (_, body) = await PostBulkAsync(Ndjson(
            """{"create":{"_index":"t","_id":"1"}}""", "{}",
            """{"create":{"_index":"t","_id":"1"}}""", "{}",
            """{"delete":{"_index":"t","_id":"7"}}"""));

        var items = body.GetProperty("items");
        Assert.Equal(409, items[1].GetProperty("create").GetProperty("status").GetInt32());
        Assert.Equal("version_conflict_engine_exception", items[1].GetProperty("create").GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("not_found", items[2].GetProperty("delete").GetProperty("result").GetString());
        Assert.Equal(404, items[2].GetProperty("delete").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Records_method_path_query_headers_and_gunzipped_body()
    {
        var ndjson = """{"index":{"_index":"t","_id":"1"}}""" + "\n" + """{"text":"zipped"}""" + "\n";
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(ndjson));
        }

        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        content.Headers.ContentEncoding.Add("gzip");
        using var request = new HttpRequestMessage(HttpMethod.Post, "_bulk?refresh=wait_for") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", "a2V5");
        using var _ = await _http.SendAsync(request);

        var recorded = Assert.Single(_es.Requests);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/_bulk", recorded.Path);
        Assert.Equal("?refresh=wait_for", recorded.Query);
        Assert.Equal("ApiKey a2V5", recorded.Header("authorization"));
        Assert.True(recorded.IsGzipped);
        Assert.Equal(ndjson, recorded.BodyText);
        Assert.Equal(compressed.Length, recorded.WireLength);
        Assert.Equal(["1"], _es.IndexedIds);
    }

    [Fact]
    public async Task Enqueued_responses_are_served_first_in_first_out_then_a_404_says_what_to_script()
    {
        _es.Enqueue("GET", "/_cluster/health", 200, """{"status":"yellow"}""");
        _es.Enqueue("GET", "_cluster/health", 200, """{"status":"green"}""");

        Assert.Contains("yellow", await _http.GetStringAsync("_cluster/health"));
        Assert.Contains("green", await _http.GetStringAsync("_cluster/health?wait_for_status=green"));
        using var third = await _http.GetAsync("_cluster/health");

        Assert.Equal(HttpStatusCode.NotFound, third.StatusCode);
        var body = await third.Content.ReadAsStringAsync();
        Assert.Contains("resource_not_found_exception", body);
        Assert.Contains("Enqueue(\\u0022GET\\u0022, \\u0022/_cluster/health\\u0022", body);
    }

    [Fact]
    public async Task Fail_next_requests_answers_whole_request_errors_then_recovers()
    {
        _es.FailNextRequests(503, 2);

        using var first = await _http.PostAsync("_bulk", Ndjson("""{"index":{"_index":"t","_id":"1"}}""", "{}"));
        using var second = await _http.PostAsync("_bulk", Ndjson("""{"index":{"_index":"t","_id":"1"}}""", "{}"));
        using var third = await _http.PostAsync("_bulk", Ndjson("""{"index":{"_index":"t","_id":"1"}}""", "{}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Contains("cluster_block_exception", await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(3, _es.Requests.Count);
        Assert.Equal(["1"], _es.IndexedIds);
    }

    [Fact]
    public async Task Fail_all_requests_lasts_until_stopped_and_429_uses_the_indexing_pressure_body()
    {
        _es.FailAllRequests(429);
        for (var i = 0; i < 3; i++)
        {
            using var failed = await _http.PostAsync("_bulk", Ndjson("""{"index":{"_index":"t","_id":"1"}}""", "{}"));
            Assert.Equal(HttpStatusCode.TooManyRequests, failed.StatusCode);
            Assert.Contains("coordinating_and_primary_bytes", await failed.Content.ReadAsStringAsync());
        }

        _es.StopFailing();
        using var ok = await _http.PostAsync("_bulk", Ndjson("""{"index":{"_index":"t","_id":"1"}}""", "{}"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Set_down_refuses_connections_and_coming_back_serves_the_same_url_and_state()
    {
        using var _ = await _http.PostAsync("_bulk", Ndjson("""{"index":{"_index":"t","_id":"1"}}""", "{}"));
        var url = _es.Url;

        await _es.SetDownAsync(true);
        using (var fresh = new HttpClient { BaseAddress = url })
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync("_bulk"));
            Assert.Equal(HttpRequestError.ConnectionError, refused.HttpRequestError);
        }

        await _es.SetDownAsync(false);
        Assert.Equal(url, _es.Url);
        using var back = new HttpClient { BaseAddress = url };
        using var ok = await back.PostAsync("_bulk", Ndjson("""{"index":{"_index":"t","_id":"2"}}""", "{}"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(["1", "2"], _es.IndexedIds.Order());
    }
}
