using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using etl.tweets;
using Etl.Worker.DevStack;

namespace Etl.Worker.Tests.DevStack;

public sealed class SchemaRegistryServerTests
{
    private const string Subject = "tweets.raw-value";

    [Fact]
    public async Task Register_lookup_get_by_id_versions_and_latest_answer_as_Confluent_does()
    {
        await using var server = await SchemaRegistryServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Url };
        var tweet = TweetSchemas.ReadText("Tweet.avsc");

        var registered = await PostAsync(http, $"subjects/{Subject}/versions", tweet);
        Assert.Equal(HttpStatusCode.OK, registered.Status);
        var id = registered.Body.GetProperty("id").GetInt32();
        // Registering the same schema again is idempotent.
        Assert.Equal(id, (await PostAsync(http, $"subjects/{Subject}/versions", tweet)).Body.GetProperty("id").GetInt32());

        var lookup = await PostAsync(http, $"subjects/{Subject}", tweet);
        Assert.Equal(1, lookup.Body.GetProperty("version").GetInt32());
        Assert.Equal(id, lookup.Body.GetProperty("id").GetInt32());

        var byId = await http.GetFromJsonAsync<JsonElement>($"schemas/ids/{id}");
        var returned = JsonDocument.Parse(byId.GetProperty("schema").GetString()!).RootElement;
        var name = returned.GetProperty("name").GetString()!;
        Assert.Equal("etl.tweets.Tweet", returned.TryGetProperty("namespace", out var ns) ? $"{ns.GetString()}.{name}" : name);
        var versions = await http.GetFromJsonAsync<int[]>($"subjects/{Subject}/versions");
        Assert.Equal(new[] { 1 }, versions);
        Assert.Equal(id, (await http.GetFromJsonAsync<JsonElement>($"subjects/{Subject}/versions/latest")).GetProperty("id").GetInt32());
        var subjects = await http.GetFromJsonAsync<string[]>("subjects");
        Assert.Equal(new[] { Subject }, subjects);
    }

    [Fact]
    public async Task Unknown_ids_and_subjects_get_Confluent_error_codes()
    {
        await using var server = await SchemaRegistryServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Url };

        var missingId = await http.GetAsync("schemas/ids/99");
        Assert.Equal(HttpStatusCode.NotFound, missingId.StatusCode);
        Assert.Equal(40403, (await missingId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetInt32());
        var missingSubject = await http.GetAsync("subjects/nope-value/versions/latest");
        Assert.Equal(40401, (await missingSubject.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetInt32());
        var invalid = await PostAsync(http, $"subjects/{Subject}/versions", "{\"type\": \"record\"}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.Status);
        Assert.Equal(42201, invalid.Body.GetProperty("error_code").GetInt32());
    }

    [Fact]
    public async Task An_incompatible_change_is_refused_with_the_reason()
    {
        await using var server = await SchemaRegistryServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Url };
        const string v1 = """{"type":"record","name":"T","fields":[{"name":"a","type":"long"}]}""";
        const string v2 = """{"type":"record","name":"T","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]}""";
        await PostAsync(http, "subjects/t-value/versions", v1);

        var check = await PostAsync(http, "compatibility/subjects/t-value/versions/latest", v2);
        Assert.False(check.Body.GetProperty("is_compatible").GetBoolean());
        Assert.Contains("b", check.Body.GetProperty("messages")[0].GetString()!, StringComparison.Ordinal);

        var refused = await PostAsync(http, "subjects/t-value/versions", v2);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("incompatible", refused.Body.GetProperty("message").GetString()!, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient http, string path, string schema)
    {
        using var response = await http.PostAsJsonAsync(path, new { schema });
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
