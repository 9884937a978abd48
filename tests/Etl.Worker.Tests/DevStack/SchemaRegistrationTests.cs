using System.Text.Json.Nodes;
using Etl.Kafka.Registry;
using Etl.Schemas.Naming;
using etl.tweets;
using Etl.Worker.DevStack;

namespace Etl.Worker.Tests.DevStack;

/// <summary>What <c>etl-worker setup</c> does to the registry, against the dev-stack registry over Confluent's client.</summary>
public sealed class SchemaRegistrationTests
{
    [Fact]
    public async Task Setup_registers_both_schemas_under_topic_subjects_and_a_second_run_gets_the_same_ids()
    {
        await using var server = await SchemaRegistryServer.StartAsync();
        using var client = server.CreateClient();

        var first = await SchemaRegistration.RegisterProjectSchemasAsync(client);
        var second = await SchemaRegistration.RegisterProjectSchemasAsync(client);

        Assert.Equal([TopicNames.Raw + "-value", TopicNames.DeadLetter + "-value"], first.Select(s => s.Subject));
        Assert.Equal(first, second);
        Assert.Equal(["tweets.dlq-value", "tweets.raw-value"], (await client.GetAllSubjectsAsync()).Order());
    }

    [Fact]
    public async Task Setup_refuses_an_incompatible_change_with_the_registry_reason()
    {
        await using var server = await SchemaRegistryServer.StartAsync();
        using var client = server.CreateClient();
        await SchemaRegistration.RegisterProjectSchemasAsync(client);
        // A new field without a default: records already on the topic could not be read with it (not BACKWARD).
        var changed = JsonNode.Parse(TweetSchemas.ReadText("Tweet.avsc"))!.AsObject();
        changed["fields"]!.AsArray().Add(new JsonObject { ["name"] = "sentiment_hint", ["type"] = "string" });

        var error = await Assert.ThrowsAsync<SchemaIncompatibleException>(() => SchemaRegistration.RegisterAsync(client, TopicNames.Raw, changed.ToJsonString()));

        Assert.Contains("tweets.raw-value", error.Message, StringComparison.Ordinal);
        Assert.Contains("sentiment_hint", error.Message, StringComparison.Ordinal);
        Assert.Single(await client.GetSubjectVersionsAsync("tweets.raw-value"));
    }
}
