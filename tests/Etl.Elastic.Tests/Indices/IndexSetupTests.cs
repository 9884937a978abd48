using System.Text.Json.Nodes;
using Etl.Elastic.Indices;
using Etl.Schemas.Elasticsearch;
using Etl.Testing.Elasticsearch;
using Xunit;

namespace Etl.Elastic.Tests.Indices;

public sealed class IndexSetupTests
{
    /// <summary>Elasticsearch answers every accepted PUT of a template or policy with this.</summary>
    private static void AcknowledgePuts(ElasticsearchStub es)
    {
        foreach (var resource in ElasticsearchTemplates.All)
        {
            var path = resource.Kind switch
            {
                TemplateKind.LifecyclePolicy => "/_ilm/policy/",
                TemplateKind.ComponentTemplate => "/_component_template/",
                _ => "/_index_template/",
            };
            es.Enqueue("PUT", path + resource.Name, 200, """{"acknowledged":true}""");
        }
    }

    /// <summary>Scripts GET answers shaped as Elasticsearch returns stored objects, from the bodies a previous run PUT.</summary>
    private static void AnswerGetsWithInstalled(ElasticsearchStub es, IEnumerable<RecordedRequest> puts, Func<JsonObject, JsonObject>? edit = null)
    {
        foreach (var put in puts)
        {
            var body = JsonNode.Parse(put.BodyText)!.AsObject();
            body = edit?.Invoke(body) ?? body;
            var name = put.Path[(put.Path.LastIndexOf('/') + 1)..];
            var answer = put.Path switch
            {
                var p when p.StartsWith("/_ilm/policy/", StringComparison.Ordinal) => new JsonObject
                {
                    [name] = new JsonObject { ["version"] = 1, ["modified_date"] = "2024-10-26T10:00:00.000Z", ["policy"] = body["policy"]!.DeepClone() },
                },
                var p when p.StartsWith("/_component_template/", StringComparison.Ordinal) => new JsonObject
                {
                    ["component_templates"] = new JsonArray(new JsonObject { ["name"] = name, ["component_template"] = body }),
                },
                _ => new JsonObject
                {
                    ["index_templates"] = new JsonArray(new JsonObject { ["name"] = name, ["index_template"] = body }),
                },
            };
            es.Enqueue("GET", put.Path, 200, answer.ToJsonString());
        }
    }

    [Fact]
    public async Task First_run_creates_everything_in_dependency_order_and_second_run_puts_nothing()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        using var client = StubClient.For(es);
        AcknowledgePuts(es);

        var first = await client.Setup.RunAsync();

        Assert.All(first.Changes, c => Assert.Equal(IndexSetupAction.Created, c.Action));
        var puts = es.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(
            ["/_ilm/policy/tweets-retention", "/_component_template/tweets-settings", "/_component_template/tweets-mappings",
             "/_index_template/tweets", "/_index_template/tweets-rollup", "/_index_template/tweets-trends", "/_index_template/tweets-deadletters"],
            puts.Select(p => p.Path));
        Assert.Contains("created ILM policy tweets-retention", first.ToString());

        AnswerGetsWithInstalled(es, puts);
        var before = es.Requests.Count;
        var second = await client.Setup.RunAsync();

        Assert.False(second.ChangedAnything);
        Assert.All(second.Changes, c => Assert.Equal(IndexSetupAction.Unchanged, c.Action));
        Assert.DoesNotContain(es.Requests.Skip(before), r => r.Method == "PUT");
    }

    [Fact]
    public async Task Changed_content_is_updated_and_only_that_object_is_put()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        using var client = StubClient.For(es);
        AcknowledgePuts(es);
        await client.Setup.RunAsync();
        var puts = es.Requests.Where(r => r.Method == "PUT").ToList();
        // As if an older release had installed a different trends template.
        AnswerGetsWithInstalled(es, puts, body =>
        {
            if (body["index_patterns"]?[0]?.GetValue<string>() == "tweets-trends")
            {
                body["_meta"]!["fingerprint"] = "0000";
            }

            return body;
        });
        AcknowledgePuts(es);
        var before = es.Requests.Count;

        var report = await client.Setup.RunAsync();

        var change = Assert.Single(report.Changes, c => c.Action != IndexSetupAction.Unchanged);
        Assert.Equal((TemplateKind.IndexTemplate, "tweets-trends", IndexSetupAction.Updated), (change.Kind, change.Name, change.Action));
        Assert.Equal(["/_index_template/tweets-trends"], es.Requests.Skip(before).Where(r => r.Method == "PUT").Select(r => r.Path));
    }

    [Fact]
    public async Task Retention_goes_into_the_ilm_delete_phase()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        using var client = StubClient.For(es, o => o.TweetsRetention = TimeSpan.FromDays(90));
        AcknowledgePuts(es);

        await client.Setup.RunAsync();

        var policy = Assert.Single(es.RequestsTo("PUT", "/_ilm/policy/tweets-retention")).Json();
        Assert.Equal("90d", policy.GetProperty("policy").GetProperty("phases").GetProperty("delete").GetProperty("min_age").GetString());
        Assert.Equal(IndexSetup.ManagedBy, policy.GetProperty("policy").GetProperty("_meta").GetProperty("managed_by").GetString());
    }
}
