using Etl.Schemas.Avro;
using Etl.Schemas.Avro.Json;
using etl.tweets;
using Etl.Schemas.Records;

namespace Etl.Schemas.Tests.Records;

public class TweetAvroCodecTests
{
    private static byte[] Encode(Tweet tweet)
    {
        var writer = new AvroBinaryWriter();
        TweetAvroCodec.Instance.Encode(writer, tweet);
        return writer.ToArray();
    }

    private static string Json(Tweet tweet) =>
        AvroJsonWriter.ToJson(AvroRecordSchemas.Tweet, new GenericDatumReader(AvroRecordSchemas.Tweet).Read(Encode(tweet)));

    [Fact]
    public void Hand_written_encoding_is_exactly_what_the_generic_codec_produces_for_tweet_avsc()
    {
        foreach (var tweet in new[] { SampleTweets.Full(), SampleTweets.Minimal() })
        {
            var bytes = Encode(tweet);
            var generic = new GenericDatumReader(AvroRecordSchemas.Tweet).Read(bytes);
            Assert.Equal(bytes, new GenericDatumWriter(AvroRecordSchemas.Tweet).Encode(generic));

            // Fast decode and the generic mapping give the same tweet.
            var fast = new TypedDatumReader<Tweet>(TweetAvroCodec.Instance, AvroRecordSchemas.Tweet);
            Assert.True(fast.IsFastPath);
            Assert.Equal(bytes, Encode(fast.Read(bytes)));
            Assert.Equal(bytes, Encode(TweetAvroCodec.Instance.FromGeneric((GenericRecord)generic!)));
        }
    }

    [Fact]
    public void Full_sample_tweet_is_about_500_bytes_and_keeps_every_field()
    {
        var bytes = Encode(SampleTweets.Full());
        Assert.InRange(bytes.Length, 400, 700);
        var json = Json(SampleTweets.Full());
        Assert.Contains("\"like_count\":17", json, StringComparison.Ordinal);
        Assert.Contains("\"expanded_url\":{\"string\":\"https://www.metoffice.gov.uk/weather/forecast\"}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_from_an_older_producer_get_defaults_for_fields_it_did_not_know()
    {
        var v1 = AvroSchema.Parse("""
            {"type":"record","name":"Tweet","namespace":"etl.tweets","fields":[
              {"name":"id","type":"long"},
              {"name":"created_at","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"text","type":"string"},
              {"name":"user","type":{"type":"record","name":"TweetUser","fields":[{"name":"id","type":"long"},{"name":"screen_name","type":"string"}]}},
              {"name":"like_count","type":"int"}
            ]}
            """);
        var old = new GenericRecord((RecordSchema)v1)
        {
            ["id"] = 5L,
            ["created_at"] = 1_000L,
            ["text"] = "old",
            ["like_count"] = 9,
        };
        var user = new GenericRecord((RecordSchema)((RecordSchema)v1).GetField("user")!.Schema) { ["id"] = 6L, ["screen_name"] = "u" };
        old["user"] = user;

        var reader = new TypedDatumReader<Tweet>(TweetAvroCodec.Instance, v1);
        Assert.False(reader.IsFastPath);
        var tweet = reader.Read(new GenericDatumWriter(v1).Encode(old));
        Assert.Equal("old", tweet.Text);
        Assert.Equal(9, tweet.LikeCount);
        Assert.Null(tweet.Lang);
        Assert.Null(tweet.Entities);
        Assert.Equal(0, tweet.User.FollowersCount);
        Assert.False(tweet.PossiblySensitive);
    }

    [Fact]
    public void Records_from_a_newer_producer_skip_fields_this_reader_does_not_know()
    {
        var newer = AvroSchema.Parse(AvroRecordSchemas.Tweet.ToJson().Replace(
            "{\"name\":\"possibly_sensitive\"",
            "{\"name\":\"edit_history\",\"type\":{\"type\":\"array\",\"items\":\"long\"},\"default\":[]},{\"name\":\"possibly_sensitive\"",
            StringComparison.Ordinal));
        var record = (GenericRecord)new GenericDatumReader(AvroRecordSchemas.Tweet, newer).Read(Encode(SampleTweets.Full()))!;
        record["edit_history"] = new List<object?> { 1L, 2L, 3L };

        var reader = new TypedDatumReader<Tweet>(TweetAvroCodec.Instance, newer);
        Assert.False(reader.IsFastPath);
        var tweet = reader.Read(new GenericDatumWriter(newer).Encode(record));
        Assert.Equal(Encode(SampleTweets.Full()), Encode(tweet));
    }

    [Fact]
    public void Every_truncation_fails_with_an_avro_exception_that_names_a_field()
    {
        var bytes = Encode(SampleTweets.Full());
        var reader = new TypedDatumReader<Tweet>(TweetAvroCodec.Instance, AvroRecordSchemas.Tweet);
        for (var length = 0; length < bytes.Length; length++)
        {
            var ex = Assert.ThrowsAny<AvroDecodeException>(() => reader.Read(bytes.AsSpan(0, length)));
            Assert.False(string.IsNullOrEmpty(ex.FieldPath), $"no field path at length {length}: {ex.Message}");
            Assert.NotNull(ex.ByteOffset);
        }
    }

    [Fact]
    public void Dead_letter_round_trips_and_an_unknown_stage_from_a_newer_writer_reads_as_unknown()
    {
        var letter = new DeadLetter
        {
            SourceTopic = "tweets.raw",
            SourcePartition = 3,
            SourceOffset = 42,
            SourceTimestamp = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
            Key = [1, 2],
            Value = [0, 0, 0, 0, 1, 0xFF],
            Stage = DeadLetterStage.index,
            ErrorType = "mapper_parsing_exception",
            ErrorMessage = "failed to parse field [created_at]",
            EsStatus = 400,
            EsReason = "failed to parse",
            Attempts = 2,
            FailedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_001_000),
        };
        var writer = new AvroBinaryWriter();
        DeadLetterAvroCodec.Instance.Encode(writer, letter);
        var back = new TypedDatumReader<DeadLetter>(DeadLetterAvroCodec.Instance, AvroRecordSchemas.DeadLetter).Read(writer.WrittenSpan);
        Assert.Equal(letter with { Key = back.Key, Value = back.Value }, back);
        Assert.Equal(letter.Value, back.Value);

        var newer = AvroSchema.Parse(AvroRecordSchemas.DeadLetter.ToJson().Replace("\"index\",\"unknown\"", "\"index\",\"unknown\",\"embed\"", StringComparison.Ordinal));
        var record = (GenericRecord)new GenericDatumReader(AvroRecordSchemas.DeadLetter, newer).Read(writer.WrittenSpan)!;
        record["stage"] = "embed";
        var fromNewer = new TypedDatumReader<DeadLetter>(DeadLetterAvroCodec.Instance, newer).Read(new GenericDatumWriter(newer).Encode(record));
        Assert.Equal(DeadLetterStage.unknown, fromNewer.Stage);
    }
}
