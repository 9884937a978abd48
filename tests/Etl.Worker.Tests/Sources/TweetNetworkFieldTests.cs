using Avro;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Etl.Kafka.Registry;
using Etl.Schemas.Naming;
using etl.tweets;
using Schema = Avro.Schema;

namespace Etl.Worker.Tests.Sources;

/// <summary>
/// <c>network</c> and <c>uri</c> were added to Tweet.avsc with defaults (BACKWARD): records a producer wrote with the
/// schema before them (Schemas/Tweet.v1.avsc, from git history) still decode, as X tweets.
/// </summary>
public sealed class TweetNetworkFieldTests
{
    private const string Topic = "tweets.raw";
    private static readonly SerializationContext Context = new(MessageComponentType.Value, Topic);

    [Fact]
    public async Task A_record_written_with_the_schema_before_network_and_uri_decodes_as_an_x_tweet()
    {
        await using var registry = await LocalRegistry.StartAsync("unused", TopicNames.DeadLetter);
        var v1 = (RecordSchema)Schema.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "Tweet.v1.avsc")));
        Assert.Null(v1["network"]);

        // A producer on version 1 (Confluent's generic serializer, registering v1), then `setup` registers the current
        // schema over it: the registry accepts it as BACKWARD compatible.
        var user = new GenericRecord(TweetSchemas.Nested(v1, "user"));
        user.Add("id", 42L);
        user.Add("screen_name", "berliner");
        foreach (var name in new[] { "name", "location", "description", "created_at" })
        {
            user.Add(name, null);
        }

        user.Add("followers_count", 7L);
        user.Add("friends_count", 0L);
        user.Add("verified", false);
        var old = new GenericRecord(v1);
        foreach (var field in v1.Fields)
        {
            old.Add(field.Name, field.Schema.Tag == Schema.Type.Long ? 0L : field.Schema.Tag == Schema.Type.Boolean ? false : null);
        }

        old.Add("id", 1_850_000_000_000_000_001L);
        old.Add("created_at", new DateTime(2024, 10, 26, 14, 3, 0, DateTimeKind.Utc));
        old.Add("text", "Rain again in #Berlin");
        old.Add("user", user);
        old.Add("like_count", 5L);
        var v1Producer = new AvroSerializer<GenericRecord>(registry.Client, new AvroSerializerConfig { AutoRegisterSchemas = true, SubjectNameStrategy = SubjectNameStrategy.Topic });
        var bytes = await v1Producer.SerializeAsync(old, Context);
        var currentId = await SchemaRegistration.RegisterAsync(registry.Client, Topic, TweetSchemas.ReadText("Tweet.avsc"));
        Assert.NotEqual(AvroDecodeFailure.SchemaId(bytes), currentId);

        var decoded = await AvroSerdes.Deserializer<Tweet>(registry.Client).DeserializeAsync(bytes, isNull: false, Context);

        Assert.Equal(SourceNetworks.X, decoded.Network);
        Assert.Null(decoded.Uri);
        Assert.Equal(1_850_000_000_000_000_001L, decoded.Id);
        Assert.Equal(new DateTimeOffset(2024, 10, 26, 14, 3, 0, TimeSpan.Zero), decoded.CreatedAt);
        Assert.Equal("berliner", decoded.User.ScreenName);
        Assert.Equal(7, decoded.User.FollowersCount);
        Assert.Equal(5, decoded.LikeCount);
    }

    [Fact]
    public async Task A_bluesky_post_keeps_its_network_and_uri_through_the_topic_encoding()
    {
        await using var registry = await LocalRegistry.StartAsync(Topic);
        var post = new Tweet
        {
            Id = -42,
            CreatedAt = new DateTimeOffset(2024, 10, 26, 14, 3, 0, TimeSpan.Zero),
            Text = "Rain again in #Berlin",
            User = new TweetUser { Id = 42, ScreenName = "berliner.bsky.social" },
            Network = SourceNetworks.Bluesky,
            Uri = "at://did:plc:eygmaihciaxprqvxpfvl6flk/app.bsky.feed.post/3lbkxyz2abc2a",
        };

        var bytes = await AvroSerdes.Serializer<Tweet>(registry.Client).SerializeAsync(post, Context);

        Assert.Equal(post, await AvroSerdes.Deserializer<Tweet>(registry.Client).DeserializeAsync(bytes, isNull: false, Context));
    }
}
