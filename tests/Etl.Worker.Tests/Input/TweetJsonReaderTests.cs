using Etl.Worker.Input;

namespace Etl.Worker.Tests.Input;

public class TweetJsonReaderTests
{
    private static List<TweetJsonRecord> Read(string json) => TweetJsonReader.Read(new StringReader(json)).ToList();

    [Fact]
    public void MinimalTweets_NeedOnlyIdAndText()
    {
        var tweet = Assert.Single(Read("""{"id_str":"20","text":"just setting up my twttr"}""")).Tweet;

        Assert.NotNull(tweet);
        Assert.Equal(("20", "just setting up my twttr"), (tweet.Id, tweet.Text));
        Assert.Null(tweet.Entities);
    }

    [Fact]
    public void V1Tweets_MapUserPlaceCoordinatesAndEntities()
    {
        const string json = """
            {"created_at":"Wed Apr 06 19:13:37 +0000 2011","id_str":"55709764298092545","text":"short","truncated":true,
             "extended_tweet":{"full_text":"the whole #text","entities":{"hashtags":[{"text":"text"}],"user_mentions":[],"urls":[],"symbols":[]}},
             "user":{"id_str":"7","screen_name":"jack","location":"SF","followers_count":5},
             "coordinates":{"type":"Point","coordinates":[-122.4,37.7]},
             "place":{"full_name":"San Francisco, CA","place_type":"city","country_code":"US","bounding_box":{"type":"Polygon","coordinates":[[[-122.5,37.7],[-122.3,37.7],[-122.3,37.8],[-122.5,37.8]]]}},
             "retweeted_status":{"id_str":"1"},"favorite_count":3}
            """;

        var tweet = Assert.Single(Read(json)).Tweet!;

        Assert.Equal("the whole #text", tweet.Text);
        Assert.Equal(new DateTimeOffset(2011, 4, 6, 19, 13, 37, TimeSpan.Zero), tweet.CreatedAt);
        Assert.Equal(["text"], tweet.Entities!.Hashtags);
        Assert.Equal(("7", "jack", "SF", 5L), (tweet.User!.Id, tweet.User.ScreenName, tweet.User.Location, tweet.User.FollowersCount));
        Assert.Equal(37.7, tweet.Coordinates!.Value.Lat);
        Assert.Equal(-122.4, tweet.Coordinates.Value.Lon);
        Assert.Equal(-122.5, tweet.Place!.BoundingBox!.Value.West);
        Assert.Equal(("1", 3L), (tweet.RetweetedStatusId, tweet.LikeCount));
    }

    [Fact]
    public void V2Pages_JoinAuthorsAndPlacesFromIncludes()
    {
        const string json = """
            {"data":[{"id":"9","text":"hi @bob","author_id":"5","created_at":"2021-04-08T15:00:00.000Z","geo":{"place_id":"p1"},
                      "public_metrics":{"retweet_count":1,"reply_count":2,"like_count":3,"quote_count":4},
                      "referenced_tweets":[{"type":"replied_to","id":"8"}],"entities":{"mentions":[{"username":"bob"}]}}],
             "includes":{"users":[{"id":"5","username":"alice","location":"Paris, France","public_metrics":{"followers_count":10,"following_count":2}}],
                         "places":[{"id":"p1","full_name":"Paris, France","country_code":"FR","geo":{"bbox":[2.2,48.8,2.4,48.9]}}]}}
            """;

        var tweet = Assert.Single(Read(json.ReplaceLineEndings(" "))).Tweet!;

        Assert.Equal(("alice", "Paris, France", 10L, 2L), (tweet.User!.ScreenName, tweet.User.Location, tweet.User.FollowersCount, tweet.User.FriendsCount));
        Assert.Equal("FR", tweet.Place!.CountryCode);
        Assert.Equal(48.9, tweet.Place.BoundingBox!.Value.North);
        Assert.Equal((1L, 2L, 3L, 4L), (tweet.RetweetCount, tweet.ReplyCount, tweet.LikeCount, tweet.QuoteCount));
        Assert.Equal("8", tweet.InReplyToStatusId);
        Assert.Equal(["bob"], tweet.Entities!.Mentions);
    }

    [Fact]
    public void ArraysAndSearchResponses_YieldEveryTweet()
    {
        Assert.Equal(2, Read("""[{"id_str":"1","text":"a"},{"id_str":"2","text":"b"}]""").Count(r => r.Tweet is not null));
        Assert.Equal(2, Read("""{"statuses":[{"id_str":"1","text":"a"},{"id_str":"2","text":"b"}]}""").Count(r => r.Tweet is not null));
    }

    [Fact]
    public void BadLines_AreReportedWithTheirLineNumber_AndReadingGoesOn()
    {
        var records = Read("{\"id_str\":\"1\",\"text\":\"a\"}\n{\"id_str\": \"2\", \"text\n{\"text\":\"no id\"}\n{\"delete\":{}}\n{\"id_str\":\"3\",\"text\":\"c\"}\n");

        Assert.Equal(["1", "3"], records.Where(r => r.Tweet is not null).Select(r => r.Tweet!.Id));
        Assert.Equal([2, 3], records.Where(r => r.Error is not null).Select(r => r.Line));
        Assert.Contains("id_str", records.Single(r => r.Line == 3).Error);
        Assert.NotNull(records.Single(r => r.Line == 4).Skipped);
    }

    [Fact]
    public void ABadDate_NamesTheFieldAndTheExpectedFormat()
    {
        var record = Assert.Single(Read("""{"id_str":"1","text":"a","created_at":"yesterday"}"""));

        Assert.Contains("created_at", record.Error);
        Assert.Contains("yesterday", record.Error);
    }
}
