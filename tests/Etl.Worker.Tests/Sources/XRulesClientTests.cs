using System.Text.Json;
using Etl.Worker.Sources.X;

namespace Etl.Worker.Tests.Sources;

public sealed class XRulesClientTests
{
    private const string Wanted = """
        [
          {"value": "dogs", "tag": "dogs"},
          {"value": "solar eclipse", "tag": "eclipse"},
          {"value": "#bluesky"}
        ]
        """;

    [Fact]
    public async Task Sync_adds_and_deletes_exactly_the_difference_and_keeps_matching_rules_with_their_ids()
    {
        await using var standIn = await XStandIn.StartAsync();
        standIn.SeedRules(("cats has:images", "cats"), ("dogs", "dogs"), ("solar eclipse", "solar"));
        using var http = new HttpClient();
        var client = new XRulesClient(http, new XStreamOptions { BaseUrl = standIn.BaseUrl.ToString(), BearerToken = "t" });

        var result = await client.SyncAsync(XRulesFile.Parse(Wanted), dryRun: false, CancellationToken.None);

        Assert.Equal(["1000", "1002"], result.Deleted.Select(r => r.Id!).Order());
        Assert.Equal(["#bluesky", "solar eclipse"], result.Added.Select(r => r.Value).Order());
        Assert.Equal("1001", Assert.Single(result.Kept).Id);
        // Exactly two changes went to X: one delete of the two unwanted ids, one add of the two missing rules.
        var posts = standIn.RulePosts.Select(p => JsonDocument.Parse(p).RootElement).ToList();
        Assert.Equal(2, posts.Count);
        Assert.Equal(["1000", "1002"], posts[0].GetProperty("delete").GetProperty("ids").EnumerateArray().Select(i => i.GetString()!).Order());
        Assert.Equal(2, posts[1].GetProperty("add").GetArrayLength());
        Assert.Equal(
            [("1001", "dogs", (string?)"dogs"), ("1003", "solar eclipse", "eclipse"), ("1004", "#bluesky", null)],
            standIn.Rules.OrderBy(r => r.Id, StringComparer.Ordinal));

        // Synced again, nothing changes.
        var again = await client.SyncAsync(XRulesFile.Parse(Wanted), dryRun: false, CancellationToken.None);
        Assert.Empty(again.Added);
        Assert.Empty(again.Deleted);
        Assert.Equal(2, standIn.RulePosts.Count);
    }

    [Fact]
    public async Task A_dry_run_reports_the_difference_and_changes_nothing()
    {
        await using var standIn = await XStandIn.StartAsync();
        standIn.SeedRules(("cats has:images", "cats"));
        using var http = new HttpClient();
        var client = new XRulesClient(http, new XStreamOptions { BaseUrl = standIn.BaseUrl.ToString(), BearerToken = "t" });

        var result = await client.SyncAsync(XRulesFile.Parse(Wanted), dryRun: true, CancellationToken.None);

        Assert.Equal(3, result.Added.Count);
        Assert.Single(result.Deleted);
        Assert.Equal([("1000", "cats has:images", (string?)"cats")], standIn.Rules);
    }

    [Fact]
    public async Task The_list_answer_is_a_rules_file_sync_accepts()
    {
        await using var standIn = await XStandIn.StartAsync();
        standIn.SeedRules(("cats has:images", "cats"), ("#bluesky", null));
        using var http = new HttpClient();
        var client = new XRulesClient(http, new XStreamOptions { BaseUrl = standIn.BaseUrl.ToString(), BearerToken = "t" });

        var listed = await client.ListAsync(CancellationToken.None);
        var roundTrip = XRulesFile.Parse(JsonSerializer.Serialize(listed));

        Assert.Equal(listed, roundTrip);
        Assert.Empty((await client.SyncAsync(roundTrip, dryRun: false, CancellationToken.None)).Added);
        Assert.Empty(standIn.RulePosts);
    }

    [Theory]
    [InlineData("[{\"tag\": \"no value\"}]", "rule 1 has no 'value'")]
    [InlineData("[{\"value\": \"a\"}, {\"value\": \"a\"}]", "rule 2 ('a') is listed twice")]
    [InlineData("{\"value\": ", "is not valid JSON")]
    public void A_bad_rules_file_names_the_rule_and_the_fix(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => XRulesFile.Parse(json, "rules.json"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
