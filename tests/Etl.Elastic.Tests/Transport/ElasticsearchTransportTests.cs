using System.Text;
using Etl.Elastic.Transport;
using Etl.Testing.Elasticsearch;
using Xunit;

namespace Etl.Elastic.Tests.Transport;

public sealed class ElasticsearchTransportTests
{
    private const string Health = """{"cluster_name":"c","status":"green","timed_out":false,"number_of_nodes":1,"active_shards":1,"unassigned_shards":0}""";

    [Fact]
    public async Task Api_key_is_sent_as_an_apikey_authorization_header()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("GET", "/_cluster/health", 200, Health);
        es.Enqueue("GET", "/_cluster/health", 200, Health);
        using (var encoded = StubClient.For(es, o => o.ApiKey = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="))
        {
            await encoded.Cluster.HealthAsync();
        }

        using (var pair = StubClient.For(es, o => o.ApiKey = "VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw"))
        {
            await pair.Cluster.HealthAsync();
        }

        Assert.Equal("ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==", es.Requests[0].Header("Authorization"));
        // id:key is base64-encoded into the same header value.
        Assert.Equal(es.Requests[0].Header("Authorization"), es.Requests[1].Header("Authorization"));
    }

    [Fact]
    public async Task Username_and_password_are_sent_as_basic_auth()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("GET", "/_cluster/health", 200, Health);
        using var client = StubClient.For(es, o => (o.Username, o.Password) = ("elastic", "chang:eme"));

        await client.Cluster.HealthAsync();

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("elastic:chang:eme"));
        Assert.Equal(expected, es.Requests[0].Header("Authorization"));
    }

    [Fact]
    public async Task No_credentials_sends_no_authorization_header()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("GET", "/_cluster/health", 200, Health);
        using var client = StubClient.For(es);

        await client.Cluster.HealthAsync();

        Assert.Null(es.Requests[0].Header("Authorization"));
    }

    [Fact]
    public async Task Refused_node_is_skipped_for_the_next_one()
    {
        await using var down = await ElasticsearchStub.StartAsync();
        await using var up = await ElasticsearchStub.StartAsync();
        await down.SetDownAsync(true);
        for (var i = 0; i < 2; i++)
        {
            up.Enqueue("GET", "/_cluster/health", 200, Health);
        }

        var options = new ElasticsearchOptions();
        options.Urls.Add(down.Url.ToString());
        options.Urls.Add(up.Url.ToString());
        using var client = new ElasticsearchClient(options);

        // Two calls: whichever node the rotation starts with, both must land on the live one.
        Assert.Equal("green", (await client.Cluster.HealthAsync()).Status);
        Assert.Equal("green", (await client.Cluster.HealthAsync()).Status);
        Assert.Equal(2, up.RequestsTo("GET", "/_cluster/health").Count);
    }

    [Fact]
    public async Task All_nodes_down_is_a_transient_error_naming_the_addresses_and_recovers_when_back()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        using var client = StubClient.For(es);
        await es.SetDownAsync(true);

        var ex = await Assert.ThrowsAsync<ElasticsearchException>(() => client.Cluster.HealthAsync());

        Assert.True(ex.IsTransient);
        Assert.Null(ex.Status);
        Assert.Contains(es.Url.GetLeftPart(UriPartial.Authority), ex.Message);
        await es.SetDownAsync(false);
        es.Enqueue("GET", "/_cluster/health", 200, Health);
        Assert.Equal("green", (await client.Cluster.HealthAsync()).Status);
    }

    [Fact]
    public async Task Slow_answer_times_out_as_a_transient_error()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        es.ResponseDelay = TimeSpan.FromSeconds(5);
        using var client = StubClient.For(es, o => o.RequestTimeout = TimeSpan.FromMilliseconds(200));

        var ex = await Assert.ThrowsAsync<ElasticsearchException>(() => client.Cluster.HealthAsync());

        Assert.True(ex.IsTransient);
        Assert.Contains("RequestTimeout", ex.Message);
    }

    [Fact]
    public async Task Non_transient_error_keeps_type_reason_and_status()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("PUT", "/_index_template/tweets", 400, ElasticsearchErrorBodies.Error(400, "illegal_argument_exception",
            "index template [tweets] has index patterns [tweets-*] matching patterns from existing templates with the same priority"));
        using var client = StubClient.For(es);

        var ex = await Assert.ThrowsAsync<ElasticsearchException>(() => client.Indices.PutIndexTemplateAsync("tweets", new System.Text.Json.Nodes.JsonObject()));

        Assert.Equal((400, "illegal_argument_exception", false), (ex.Status, ex.ErrorType, ex.IsTransient));
        Assert.Contains("same priority", ex.Message);
    }

    [Fact]
    public async Task Url_path_prefix_is_kept_for_clusters_behind_a_proxy()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("GET", "/es/_cluster/health", 200, Health);
        using var client = StubClient.For(es, o => o.Url = es.Url + "es");

        await client.Cluster.HealthAsync();

        Assert.Equal("/es/_cluster/health", es.Requests[0].Path);
    }

    [Fact]
    public void Time_units_use_the_largest_exact_unit()
    {
        Assert.Equal("365d", ElasticsearchTimeUnits.Format(TimeSpan.FromDays(365)));
        Assert.Equal("36h", ElasticsearchTimeUnits.Format(TimeSpan.FromHours(36)));
        Assert.Equal("90s", ElasticsearchTimeUnits.Format(TimeSpan.FromSeconds(90)));
        Assert.Equal("1500ms", ElasticsearchTimeUnits.Format(TimeSpan.FromMilliseconds(1500)));
    }
}
