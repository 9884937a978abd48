using Etl.Enrichment.Input;
using Etl.Worker.Mapping;

namespace Etl.Worker.Tests.Mapping;

public sealed class TweetRecordMapperTests
{
    [Fact]
    public void A_full_tweet_survives_the_trip_through_the_avro_record()
    {
        var source = new SourceTweet
        {
            Id = "1790000000000000001",
            CreatedAt = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
            Text = "Hello @bob #Eclipse $TSLA https://t.co/x",
            Lang = "en",
            Source = "Twitter Web App",
            User = new SourceUser { Id = "42", ScreenName = "alice", Location = "NYC", FollowersCount = 10, Verified = true },
            Coordinates = new GeoCoordinate(40.7, -74.0),
            Place = new SourcePlace { Id = "p1", Name = "New York", CountryCode = "US", BoundingBox = new BoundingBox(-74.1, 40.6, -73.9, 40.8) },
            Entities = new SourceEntities { Hashtags = ["Eclipse"], Mentions = ["bob"], Cashtags = ["TSLA"], Urls = [new SourceUrl("https://t.co/x", "https://example.com/a")] },
            RetweetCount = 3,
            LikeCount = 9,
            InReplyToStatusId = "1789999999999999999",
            PossiblySensitive = true,
        };

        var back = TweetRecordMapper.ToSource(TweetRecordMapper.ToAvro(source));

        Assert.Equal(source.Id, back.Id);
        Assert.Equal(source.CreatedAt, back.CreatedAt);
        Assert.Equal(source.Text, back.Text);
        Assert.Equal("alice", back.User!.ScreenName);
        Assert.Equal("NYC", back.User.Location);
        Assert.Equal(source.Coordinates, back.Coordinates);
        Assert.Equal(source.Place.BoundingBox, back.Place!.BoundingBox);
        Assert.Equal(["bob"], back.Entities!.Mentions);
        Assert.Equal("https://example.com/a", back.Entities.Urls[0].ExpandedUrl);
        Assert.Equal(source.InReplyToStatusId, back.InReplyToStatusId);
        Assert.True(back.PossiblySensitive);
    }

    [Fact]
    public void A_minimal_tweet_gets_its_time_from_the_snowflake_id_and_no_user()
    {
        var back = TweetRecordMapper.ToSource(TweetRecordMapper.ToAvro(new SourceTweet { Id = "1212092628029698048", Text = "hi" }));
        Assert.Null(back.User);
        Assert.Equal(new DateTimeOffset(2019, 12, 31, 19, 26, 16, TimeSpan.Zero), back.CreatedAt!.Value.AddMilliseconds(-back.CreatedAt.Value.Millisecond));
    }

    [Fact]
    public void A_non_numeric_id_is_rejected_with_the_value()
    {
        var ex = Assert.Throws<FormatException>(() => TweetRecordMapper.ToAvro(new SourceTweet { Id = "abc", Text = "x" }));
        Assert.Contains("'abc'", ex.Message);
    }
}
