using System.Text;
using System.Text.Json.Nodes;
using Etl.Schemas.Naming;
using Etl.Worker.Sources.Bluesky;

namespace Etl.Worker.Tests.Sources;

public sealed class JetstreamPostMapperTests
{
    private const string Did = "did:plc:eygmaihciaxprqvxpfvl6flk";
    private const string Bob = "did:plc:z72i7hdynmk6r22z27h6tvur";

    private static JsonObject Facet(string text, string covered, JsonObject feature)
    {
        // Facet indices are UTF-8 byte offsets, not characters.
        var start = Encoding.UTF8.GetByteCount(text[..text.IndexOf(covered, StringComparison.Ordinal)]);
        return new JsonObject
        {
            ["index"] = new JsonObject { ["byteStart"] = start, ["byteEnd"] = start + Encoding.UTF8.GetByteCount(covered) },
            ["features"] = new JsonArray(feature),
        };
    }

    [Fact]
    public void A_post_maps_text_facets_langs_time_reply_quote_and_author_to_the_tweet_contract()
    {
        const string text = "Olá ☀️ #eclipse com @bob.bsky.social — fotos em example.com/eclipse";
        var record = new JsonObject
        {
            ["$type"] = "app.bsky.feed.post",
            ["text"] = text,
            ["createdAt"] = "2025-12-02T10:15:30.123Z",
            ["langs"] = new JsonArray("pt", "en"),
            ["facets"] = new JsonArray(
                Facet(text, "#eclipse", new JsonObject { ["$type"] = "app.bsky.richtext.facet#tag", ["tag"] = "eclipse" }),
                Facet(text, "@bob.bsky.social", new JsonObject { ["$type"] = "app.bsky.richtext.facet#mention", ["did"] = Bob }),
                Facet(text, "example.com/eclipse", new JsonObject { ["$type"] = "app.bsky.richtext.facet#link", ["uri"] = "https://example.com/eclipse" })),
            ["reply"] = new JsonObject
            {
                ["root"] = new JsonObject { ["uri"] = $"at://{Bob}/app.bsky.feed.post/3lbroot", ["cid"] = "bafyroot" },
                ["parent"] = new JsonObject { ["uri"] = $"at://{Bob}/app.bsky.feed.post/3lbparent", ["cid"] = "bafyparent" },
            },
            ["embed"] = new JsonObject
            {
                ["$type"] = "app.bsky.embed.recordWithMedia",
                ["record"] = new JsonObject { ["$type"] = "app.bsky.embed.record", ["record"] = new JsonObject { ["uri"] = $"at://{Bob}/app.bsky.feed.post/3lbquoted", ["cid"] = "bafyq" } },
            },
        };
        var commit = new JsonObject
        {
            ["did"] = Did, ["time_us"] = 1_764_670_530_500_000, ["kind"] = "commit",
            ["commit"] = new JsonObject { ["rev"] = "3lbrev", ["operation"] = "create", ["collection"] = "app.bsky.feed.post", ["rkey"] = "3lbkey", ["record"] = record, ["cid"] = "bafy" },
        };
        var mapper = new JetstreamPostMapper();
        Assert.Equal("identity", mapper.Map("{\"did\":\"" + Did + "\",\"time_us\":1764670530000000,\"kind\":\"identity\",\"identity\":{\"did\":\"" + Did + "\",\"handle\":\"alice.bsky.social\",\"seq\":1,\"time\":\"2025-12-02T10:15:30Z\"}}").Skipped);

        var mapped = mapper.Map(commit.ToJsonString());

        Assert.Equal(1_764_670_530_500_000, mapped.TimeUs);
        var post = Assert.IsType<etl.tweets.Tweet>(mapped.Post);
        Assert.Equal(SourceNetworks.Bluesky, post.Network);
        Assert.Equal($"at://{Did}/app.bsky.feed.post/3lbkey", post.Uri);
        Assert.Equal(BlueskyIds.Of(post.Uri!), post.Id);
        Assert.True(post.Id < 0, "Bluesky ids are negative, so they never meet an X id");
        Assert.Equal(text, post.Text);
        Assert.Equal("pt", post.Lang);
        Assert.Equal(new DateTimeOffset(2025, 12, 2, 10, 15, 30, 123, TimeSpan.Zero), post.CreatedAt);
        Assert.Equal(("alice.bsky.social", BlueskyIds.Of(Did)), (post.User.ScreenName, post.User.Id));
        Assert.Equal(["eclipse"], post.Entities!.Hashtags);
        Assert.Equal([new etl.tweets.Mention("bob.bsky.social", BlueskyIds.Of(Bob))], post.Entities.Mentions);
        Assert.Equal([new etl.tweets.UrlEntity("example.com/eclipse", "https://example.com/eclipse")], post.Entities.Urls);
        Assert.Equal(BlueskyIds.Of($"at://{Bob}/app.bsky.feed.post/3lbparent"), post.InReplyToStatusId);
        Assert.Equal(BlueskyIds.Of(Bob), post.InReplyToUserId);
        Assert.Equal(BlueskyIds.Of($"at://{Bob}/app.bsky.feed.post/3lbquoted"), post.QuotedStatusId);
    }

    [Theory]
    [InlineData("""{"did":"did:plc:a","time_us":5,"kind":"commit","commit":{"operation":"delete","collection":"app.bsky.feed.post","rkey":"k"}}""", "app.bsky.feed.post delete")]
    [InlineData("""{"did":"did:plc:a","time_us":5,"kind":"account","account":{"active":false,"did":"did:plc:a","seq":1,"time":"2025-01-01T00:00:00Z"}}""", "account")]
    public void Events_that_are_not_new_posts_are_skipped_but_still_move_the_cursor(string json, string skipped)
    {
        var mapped = new JetstreamPostMapper().Map(json);
        Assert.Null(mapped.Post);
        Assert.Equal(skipped, mapped.Skipped);
        Assert.Equal(5, mapped.TimeUs);
    }

    [Theory]
    [InlineData("{\"did\": ", "not JSON")]
    [InlineData("[1]", "expected a JSON object")]
    [InlineData("{\"did\":\"did:plc:a\",\"kind\":\"commit\"}", "'time_us'")]
    public void A_malformed_message_says_what_is_wrong(string json, string expected)
    {
        var mapped = new JetstreamPostMapper().Map(json);
        Assert.Null(mapped.Post);
        Assert.Contains(expected, mapped.Malformed, StringComparison.Ordinal);
    }
}
