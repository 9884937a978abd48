using Etl.Schemas.Documents;

namespace Etl.Elastic.Tests;

internal static class SampleTweets
{
    /// <summary>A document with every optional field set, so its JSON has every path the mapping must cover.</summary>
    public static TweetDocument Full(string id = "1850000000000000001") => new()
    {
        Id = id,
        CreatedAt = new DateTimeOffset(2024, 10, 26, 14, 3, 0, TimeSpan.Zero),
        IngestedAt = new DateTimeOffset(2024, 10, 26, 14, 3, 2, TimeSpan.Zero),
        Text = "Rain again in #Berlin 🌧️ @bvg_kundendialog $TSLA https://t.co/abc ünïcödé",
        Lang = "en",
        Source = "Twitter for Android",
        // Only Bluesky posts carry a uri; set here too so the JSON has every mapped path.
        Uri = "at://did:plc:eygmaihciaxprqvxpfvl6flk/app.bsky.feed.post/3lbkxyz2abc2a",
        User = new TweetUserDocument
        {
            Id = "42",
            ScreenName = "Berliner",
            Name = "Ber Liner",
            Location = "Berlin, Germany",
            Description = "I talk about weather",
            FollowersCount = 120,
            FriendsCount = 80,
            Verified = true,
            CreatedAt = new DateTimeOffset(2010, 1, 2, 3, 4, 5, TimeSpan.Zero),
        },
        Hashtags = ["Berlin"],
        Mentions = ["bvg_kundendialog"],
        Urls = [new UrlDocument { Url = "https://t.co/abc", ExpandedUrl = "https://www.example.org/rain", Domain = "example.org" }],
        Cashtags = ["TSLA"],
        Emojis = ["🌧️"],
        Engagement = new EngagementDocument { RetweetCount = 1, ReplyCount = 2, LikeCount = 3, QuoteCount = 4 },
        IsReply = true,
        IsQuote = true,
        IsRetweet = false,
        InReplyToStatusId = "1849999999999999999",
        InReplyToUserId = "43",
        QuotedStatusId = "1849999999999999998",
        RetweetedStatusId = "1849999999999999997",
        PossiblySensitive = false,
        Sentiment = new SentimentDocument { Label = SentimentLabels.Negative, Score = -0.4 },
        Geo = new GeoDocument
        {
            Location = new GeoPointDocument(52.52, 13.405),
            Source = GeoSources.Place,
            CountryCode = "DE",
            Country = "Germany",
            Region = "Berlin",
            City = "Berlin",
            PlaceName = "Berlin, Germany",
            Confidence = 0.8,
        },
        Embedding = [.. Enumerable.Range(0, TweetDocument.EmbeddingDimensions).Select(i => (float)Math.Sin(i))],
        Pipeline = new PipelineDocument { Version = "1.0.0", SentimentModel = "semeval-nb-1", Embedder = "hash-384", Gazetteer = "geonames-15000" },
    };
}
