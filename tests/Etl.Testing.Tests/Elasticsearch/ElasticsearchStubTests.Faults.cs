using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Etl.Testing.Elasticsearch;
using Xunit;

namespace Etl.Testing.Tests.Elasticsearch;

/// <summary>The stub speaks Elasticsearch 9 and fails the ways Elasticsearch (or a proxy in front of it) fails.</summary>
public sealed partial class ElasticsearchStubTests
{
    private const string CompatibleJson = "application/vnd.elasticsearch+json; compatible-with=9";
    private const string CompatibleNdjson = "application/vnd.elasticsearch+x-ndjson; compatible-with=9";

    private static StringContent Bulk(string id = "1", string mediaType = "application/x-ndjson")
    {
        var content = new StringContent($"{{\"index\":{{\"_index\":\"t\",\"_id\":\"{id}\"}}}}" + "\n{}\n", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    [Fact]
    public async Task Root_answers_as_an_Elasticsearch_9_4_node_with_the_product_header()
    {
        using var response = await _http.GetAsync("");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Elasticsearch", Assert.Single(response.Headers.GetValues("X-Elastic-Product")));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var version = body.RootElement.GetProperty("version");
        Assert.StartsWith("9.4.", version.GetProperty("number").GetString());
        Assert.Equal("You Know, for Search", body.RootElement.GetProperty("tagline").GetString());
    }

    [Fact]
    public async Task Bulk_in_the_version_9_media_types_is_answered_in_the_requested_media_type()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "_bulk") { Content = Bulk(mediaType: CompatibleNdjson) };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(CompatibleJson));

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.elasticsearch+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(response.Content.Headers.ContentType.Parameters, p => p.Name == "compatible-with" && p.Value == "9");
        Assert.Equal(["1"], _es.IndexedIds);

        using var plain = await _http.PostAsync("_bulk", Bulk("2"));
        Assert.Equal("application/json", plain.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_compatible_with_version_Elasticsearch_9_does_not_speak_is_refused_with_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "_bulk") { Content = Bulk(mediaType: "application/vnd.elasticsearch+x-ndjson; compatible-with=7") };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/vnd.elasticsearch+json; compatible-with=7"));

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("media_type_header_exception", await response.Content.ReadAsStringAsync());
        Assert.Empty(_es.IndexedIds);
    }

    [Fact]
    public async Task A_chunked_request_body_is_read_whole()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "_bulk") { Content = new ChunkedNdjson(100) };

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var recorded = Assert.Single(_es.Requests);
        Assert.Equal("chunked", recorded.Header("Transfer-Encoding"));
        Assert.Equal(100, _es.IndexedIds.Count);
    }

    [Theory]
    [InlineData(400, "illegal_argument_exception")]
    [InlineData(401, "security_exception")]
    [InlineData(403, "security_exception")]
    [InlineData(429, "es_rejected_execution_exception")]
    [InlineData(500, "exception")]
    [InlineData(503, "cluster_block_exception")]
    public async Task Whole_request_failures_carry_elasticsearch_error_bodies(int status, string type)
    {
        _es.FailNextRequests(status, 1);

        using var response = await _http.PostAsync("_bulk", Bulk());

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("Elasticsearch", Assert.Single(response.Headers.GetValues("X-Elastic-Product")));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(type, body.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(status, body.RootElement.GetProperty("status").GetInt32());
        Assert.Empty(_es.IndexedIds);
    }

    [Fact]
    public async Task A_401_challenges_for_basic_and_api_key_like_elasticsearch_security()
    {
        _es.FailNextRequests(401, 1);

        using var response = await _http.PostAsync("_bulk", Bulk());

        Assert.Equal(["Basic realm=\"security\", charset=\"UTF-8\"", "ApiKey"], response.Headers.WwwAuthenticate.Select(h => h.ToString()));
    }

    [Fact]
    public async Task A_413_has_an_empty_body_as_elasticsearch_http_layer_sends_it()
    {
        _es.FailNextRequests(413, 1);

        using var response = await _http.PostAsync("_bulk", Bulk());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        Assert.Empty(_es.IndexedIds);
    }

    [Fact]
    public async Task A_proxy_error_page_is_html_without_the_product_header()
    {
        _es.FailNext(StubFault.NotJson());

        using var response = await _http.PostAsync("_bulk", Bulk());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.False(response.Headers.Contains("X-Elastic-Product"));
        Assert.StartsWith("<html>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Empty_object_is_a_200_without_any_bulk_fields()
    {
        _es.FailNext(StubFault.EmptyObject());

        using var response = await _http.PostAsync("_bulk", Bulk());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        Assert.Empty(_es.IndexedIds);
    }

    [Fact]
    public async Task A_truncated_answer_stores_the_documents_but_its_json_ends_mid_way()
    {
        _es.FailNext(StubFault.Truncated());

        using var response = await _http.PostAsync("_bulk", Bulk("7"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("{", text);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
        Assert.Equal(["7"], _es.IndexedIds);
    }

    [Fact]
    public async Task A_stall_never_answers_so_the_client_timeout_ends_it_and_the_next_request_is_served()
    {
        _es.FailNext(StubFault.Stall());
        using var impatient = new HttpClient { BaseAddress = _es.Url, Timeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.PostAsync("_bulk", Bulk()));

        using var next = await _http.PostAsync("_bulk", Bulk("2"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(["2"], _es.IndexedIds);
    }

    [Fact]
    public async Task Stopping_the_stub_ends_a_stalled_request_promptly()
    {
        _es.FailNext(StubFault.Stall());
        var pending = _http.PostAsync("_bulk", Bulk());
        while (_es.Requests.Count == 0)
        {
            await Task.Delay(10);
        }

        var watch = Stopwatch.StartNew();
        await _es.SetDownAsync(true);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {watch.Elapsed}");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => pending);
    }

    [Fact]
    public async Task Queued_faults_are_used_oldest_first_then_requests_succeed()
    {
        _es.FailNextRequests(503, 1);
        _es.FailNext(StubFault.NotJson());
        _es.FailNextRequests(429, 1);

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await _http.PostAsync("_bulk", Bulk());
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([503, 502, 429, 200], statuses);
    }

    /// <summary>A body of unknown length, so HttpClient sends it with chunked transfer encoding in several writes.</summary>
    private sealed class ChunkedNdjson : HttpContent
    {
        private readonly int documents;

        public ChunkedNdjson(int documents)
        {
            this.documents = documents;
            Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < documents; i++)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes($"{{\"index\":{{\"_index\":\"t\",\"_id\":\"{i}\"}}}}" + "\n" + """{"n":1}""" + "\n"));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
