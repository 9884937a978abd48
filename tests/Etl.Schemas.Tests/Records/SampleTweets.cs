using etl.tweets;

namespace Etl.Schemas.Tests.Records;

/// <summary>Tweets shaped like real v1.1 data, for codec and serdes tests.</summary>
internal static class SampleTweets
{
    public static Tweet Full(long id = 1_234_567_890_123_456_789) => new()
    {
        Id = id,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_600_000_000_123),
        Text = "Rain again in #Manchester — umbrellas out ☔ @metoffice says it lasts till Friday https://t.co/abc $GBP",
        Lang = "en",
        Source = "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
        User = new TweetUser
        {
            Id = 98765,
            ScreenName = "weather_fan",
            Name = "Weather Fan",
            Location = "Manchester, UK",
            Description = "Clouds, mostly.",
            FollowersCount = 1234,
            FriendsCount = 321,
            Verified = false,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_300_000_000_000),
        },
        Coordinates = new Coordinates(53.4808, -2.2426),
        Place = new Place
        {
            Id = "315b740b108481f6",
            FullName = "Manchester, England",
            Name = "Manchester",
            CountryCode = "GB",
            Country = "United Kingdom",
            PlaceType = "city",
            BoundingBox = [new LonLat(-2.32, 53.34), new LonLat(-2.14, 53.34), new LonLat(-2.14, 53.54), new LonLat(-2.32, 53.54)],
        },
        Entities = new Entities
        {
            Hashtags = ["Manchester"],
            Mentions = [new Mention("metoffice", 17_440_224)],
            Urls = [new UrlEntity("https://t.co/abc", "https://www.metoffice.gov.uk/weather/forecast")],
            Cashtags = ["GBP"],
        },
        RetweetCount = 3,
        ReplyCount = 1,
        LikeCount = 17,
        QuoteCount = 0,
        InReplyToStatusId = 1_234_567_890_000_000_000,
        InReplyToUserId = 17_440_224,
        InReplyToScreenName = "metoffice",
        PossiblySensitive = false,
    };

    public static Tweet Minimal() => new()
    {
        Id = 1,
        CreatedAt = DateTimeOffset.UnixEpoch,
        Text = string.Empty,
        User = new TweetUser { Id = 2, ScreenName = "x" },
    };
}
