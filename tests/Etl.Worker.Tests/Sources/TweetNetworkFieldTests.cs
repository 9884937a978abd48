using System.Text.Json.Nodes;
using Confluent.Kafka;
using Etl.Schemas.Avro;
using Etl.Schemas.Naming;
using etl.tweets;
using Etl.Schemas.Records;
using Etl.Schemas.Registry;
using Etl.Schemas.Serdes;

namespace Etl.Worker.Tests.Sources;

/// <summary><c>network</c> and <c>uri</c> were added to Tweet.avsc with defaults: records written before still decode.</summary>
public sealed class TweetNetworkFieldTests
{
    private static readonly SerializationContext Context = new(MessageComponentType.Value, "tweets.raw");

    private static Tweet Sample(string network = SourceNetworks.X, string? uri = null) => new()
    {
        Id = uri is null ? 1_850_000_000_000_000_001 : -42,
        CreatedAt = new DateTimeOffset(2024, 10, 26, 14, 3, 0, TimeSpan.Zero),
        Text = "Rain again in #Berlin",
        User = new TweetUser { Id = 42, ScreenName = "berliner" },
        Network = network,
        Uri = uri,
    };

    [Fact]
    public async Task A_record_written_with_the_schema_before_network_and_uri_decodes_as_an_x_tweet()
    {
        var old = JsonNode.Parse(AvroRecordSchemas.ReadText("Tweet.avsc"))!.AsObject();
        var fields = old["fields"]!.AsArray();
        foreach (var added in fields.Where(f => (string)f!["name"]! is "network" or "uri").ToList())
        {
            fields.Remove(added);
        }

        var registry = new InMemorySchemaRegistry();
        var oldId = await registry.RegisterAsync("tweets.raw-value", AvroSchema.Parse(old.ToJsonString()));
        // The two new fields are last on the wire: "x" (length 1, 'x') and a null union branch. Without them the bytes
        // are exactly what a producer on the old schema wrote.
        var current = new AvroSerializer<Tweet>(registry, TweetAvroCodec.Instance).Serialize(Sample(), oldId);
        Assert.Equal(new byte[] { 0x02, (byte)'x', 0x00 }, current[^3..]);

        var decoded = new AvroDeserializer<Tweet>(registry, TweetAvroCodec.Instance).Deserialize(current.AsSpan(0, current.Length - 3), isNull: false, Context);

        Assert.Equal(SourceNetworks.X, decoded.Network);
        Assert.Null(decoded.Uri);
        Assert.Equal(Sample(), decoded);
    }

    [Fact]
    public async Task A_bluesky_post_keeps_its_network_and_uri_through_the_topic_encoding()
    {
        var registry = new InMemorySchemaRegistry();
        var post = Sample(SourceNetworks.Bluesky, "at://did:plc:eygmaihciaxprqvxpfvl6flk/app.bsky.feed.post/3lbkxyz2abc2a");
        var bytes = await new AvroSerializer<Tweet>(registry, TweetAvroCodec.Instance).SerializeAsync(post, Context);

        Assert.Equal(post, new AvroDeserializer<Tweet>(registry, TweetAvroCodec.Instance).Deserialize(bytes, isNull: false, Context));
    }
}
