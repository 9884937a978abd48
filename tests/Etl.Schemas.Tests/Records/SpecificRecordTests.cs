using System.Text.Json;
using Avro;
using Avro.Generic;
using Avro.IO;
using Avro.Specific;
using etl.tweets;

namespace Etl.Schemas.Tests.Records;

/// <summary>
/// The record classes are written by hand (no avrogen here), so these tests hold them to the .avsc files: the schema each
/// class carries is the file's, and every field lands at the position and in the type the schema says.
/// </summary>
public sealed class SpecificRecordTests
{
    public static TheoryData<string, string> Classes => new()
    {
        { "Tweet.avsc", typeof(Tweet).FullName! },
        { "DeadLetter.avsc", typeof(DeadLetter).FullName! },
    };

    [Theory]
    [MemberData(nameof(Classes))]
    public void Schema_of_each_class_is_the_avsc_file_in_canonical_form(string file, string className)
    {
        var fromFile = (RecordSchema)Schema.Parse(File.ReadAllText(SourceFile(file)));
        var type = typeof(Tweet).Assembly.GetType(className)!;

        Assert.Equal(SchemaNormalization.ToParsingForm(fromFile), SchemaNormalization.ToParsingForm(SchemaOf(type)));
        Assert.Equal(fromFile.Fullname, type.FullName);
    }

    [Fact]
    public void Every_named_type_in_tweet_avsc_has_a_class_of_the_same_full_name_carrying_that_schema()
    {
        var fromFile = (RecordSchema)Schema.Parse(File.ReadAllText(SourceFile("Tweet.avsc")));
        var named = new Dictionary<string, RecordSchema>();
        Collect(fromFile, named);

        Assert.Equal(["etl.tweets.Coordinates", "etl.tweets.Entities", "etl.tweets.LonLat", "etl.tweets.Mention", "etl.tweets.Place", "etl.tweets.Tweet", "etl.tweets.TweetUser", "etl.tweets.UrlEntity"], named.Keys.Order());
        foreach (var (name, schema) in named)
        {
            var type = typeof(Tweet).Assembly.GetType(name) ?? throw new InvalidOperationException($"No class {name} for the record of that name in Tweet.avsc.");
            Assert.True(typeof(ISpecificRecord).IsAssignableFrom(type), $"{name} is not an ISpecificRecord.");
            Assert.Equal(SchemaNormalization.ToParsingForm(schema), SchemaNormalization.ToParsingForm(SchemaOf(type)));
        }
    }

    [Fact]
    public void Dead_letter_stage_enum_members_are_the_avro_symbols_in_order()
    {
        var stage = (EnumSchema)TweetSchemas.DeadLetter["stage"].Schema;

        Assert.Equal(stage.Symbols, Enum.GetNames<DeadLetterStage>());
    }

    [Fact]
    public void Tweet_written_by_the_class_reads_field_by_field_through_a_generic_reader()
    {
        var tweet = SampleTweets.Full() with { Network = "bluesky", Uri = "at://did:plc:abc/app.bsky.feed.post/1", QuotedStatusId = 42 };

        var record = ReadGeneric(Write(tweet, Tweet._SCHEMA), Tweet._SCHEMA);

        Assert.Equal(tweet.Id, record["id"]);
        Assert.Equal(tweet.CreatedAt.UtcDateTime, record["created_at"]);
        Assert.Equal(tweet.Text, record["text"]);
        Assert.Equal("en", record["lang"]);
        Assert.Equal(tweet.Source, record["source"]);
        var user = (GenericRecord)record["user"];
        Assert.Equal("weather_fan", user["screen_name"]);
        Assert.Equal(1234L, user["followers_count"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_300_000_000_000).UtcDateTime, user["created_at"]);
        Assert.Equal(53.4808, ((GenericRecord)record["coordinates"])["lat"]);
        Assert.Equal(-2.2426, ((GenericRecord)record["coordinates"])["lon"]);
        var place = (GenericRecord)record["place"];
        Assert.Equal("GB", place["country_code"]);
        Assert.Equal(-2.32, ((GenericRecord)((object[])place["bounding_box"])[0])["lon"]);
        var entities = (GenericRecord)record["entities"];
        Assert.Equal(["Manchester"], (object[])entities["hashtags"]);
        Assert.Equal(17_440_224L, ((GenericRecord)((object[])entities["mentions"])[0])["id"]);
        Assert.Equal("https://www.metoffice.gov.uk/weather/forecast", ((GenericRecord)((object[])entities["urls"])[0])["expanded_url"]);
        Assert.Equal(["GBP"], (object[])entities["cashtags"]);
        Assert.Equal(3L, record["retweet_count"]);
        Assert.Equal(1L, record["reply_count"]);
        Assert.Equal(17L, record["like_count"]);
        Assert.Equal(1_234_567_890_000_000_000L, record["in_reply_to_status_id"]);
        Assert.Equal(17_440_224L, record["in_reply_to_user_id"]);
        Assert.Equal("metoffice", record["in_reply_to_screen_name"]);
        Assert.Equal(42L, record["quoted_status_id"]);
        Assert.Null(record["retweeted_status_id"]);
        Assert.Equal(false, record["possibly_sensitive"]);
        Assert.Equal("bluesky", record["network"]);
        Assert.Equal("at://did:plc:abc/app.bsky.feed.post/1", record["uri"]);
    }

    [Fact]
    public void Tweet_round_trips_through_the_specific_reader_with_every_field()
    {
        var tweet = SampleTweets.Full() with { Network = "bluesky", Uri = "at://x", RetweetedStatusId = 7, PossiblySensitive = true };

        var read = ReadSpecific<Tweet>(Write(tweet, Tweet._SCHEMA), Tweet._SCHEMA);

        Assert.Equal(JsonSerializer.Serialize(tweet), JsonSerializer.Serialize(read));
    }

    [Fact]
    public void Minimal_tweet_round_trips_with_nulls_and_empty_arrays()
    {
        var tweet = SampleTweets.Minimal() with { Entities = new Entities(), Place = new Place { Id = "p" } };

        var read = ReadSpecific<Tweet>(Write(tweet, Tweet._SCHEMA), Tweet._SCHEMA);

        Assert.Equal(JsonSerializer.Serialize(tweet), JsonSerializer.Serialize(read));
        Assert.Empty(read.Entities!.Hashtags);
        Assert.Null(read.Coordinates);
    }

    [Fact]
    public void Dead_letter_round_trips_with_its_bytes_and_stage()
    {
        var letter = new DeadLetter
        {
            SourceTopic = "tweets.raw",
            SourcePartition = 3,
            SourceOffset = 12_345,
            SourceTimestamp = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
            Key = [1, 2, 3],
            Value = [0, 0, 0, 0, 7, 42],
            Stage = DeadLetterStage.index,
            ErrorType = "mapper_parsing_exception",
            ErrorMessage = "failed to parse field [created_at]",
            EsStatus = 400,
            EsReason = "bad date",
            Attempts = 2,
            FailedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_001_000),
        };

        var bytes = Write(letter, DeadLetter._SCHEMA);
        var read = ReadSpecific<DeadLetter>(bytes, DeadLetter._SCHEMA);
        var generic = ReadGeneric(bytes, DeadLetter._SCHEMA);

        Assert.Equal(JsonSerializer.Serialize(letter), JsonSerializer.Serialize(read));
        Assert.Equal("index", ((GenericEnum)generic["stage"]).Value);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 7, 42 }, (byte[])generic["value"]);
    }

    private static Schema SchemaOf(Type type) =>
        (Schema)type.GetField("_SCHEMA", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!.GetValue(null)!;

    private static void Collect(Schema schema, Dictionary<string, RecordSchema> named)
    {
        switch (schema)
        {
            case RecordSchema record when named.TryAdd(record.Fullname, record):
                foreach (var field in record.Fields)
                {
                    Collect(field.Schema, named);
                }

                break;
            case UnionSchema union:
                foreach (var branch in union.Schemas)
                {
                    Collect(branch, named);
                }

                break;
            case ArraySchema array:
                Collect(array.ItemSchema, named);
                break;
        }
    }

    private static byte[] Write<T>(T value, Schema schema)
    {
        using var stream = new MemoryStream();
        new SpecificDatumWriter<T>(schema).Write(value, new BinaryEncoder(stream));
        return stream.ToArray();
    }

    private static T ReadSpecific<T>(byte[] bytes, Schema schema) =>
        new SpecificDatumReader<T>(schema, schema).Read(default!, new BinaryDecoder(new MemoryStream(bytes)));

    private static GenericRecord ReadGeneric(byte[] bytes, Schema schema) =>
        new GenericDatumReader<GenericRecord>(schema, schema).Read(null!, new BinaryDecoder(new MemoryStream(bytes)));

    /// <summary>The checked-in file, not the embedded copy, so a stale embedding would fail too.</summary>
    private static string SourceFile(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Etl.Schemas", "avro", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Etl.Schemas/avro/{name} not found above {AppContext.BaseDirectory}.");
    }
}
