using Etl.Enrichment.Enriching;
using Etl.Enrichment.Input;
using Etl.Schemas.Documents;

namespace Etl.Enrichment.Tests.Enriching;

public class TweetEnricherTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TweetEnricher Enricher = TweetEnricher.CreateDefault(clock: new FixedClock(Now));

    [Fact]
    public void MinimalTweet_GetsEntitiesFromText_AndTimeFromItsId()
    {
        var document = Enricher.Enrich(new SourceTweet { Id = "1390000000000000000", Text = "Loving #Rust and #rust with @ferris 🦀 https://www.rust-lang.org/learn $RUST" });

        Assert.Equal(["Rust"], document.Hashtags);
        Assert.Equal(["ferris"], document.Mentions);
        Assert.Equal(["RUST"], document.Cashtags);
        Assert.Equal(["🦀"], document.Emojis);
        Assert.Equal("rust-lang.org", Assert.Single(document.Urls).Domain);
        // (id >> 22) + Twitter's epoch 1288834974657 = 1620236799608 ms = 2021-05-05T17:46:39.608Z
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1620236799608), document.CreatedAt);
        Assert.Equal(Now, document.IngestedAt);
        Assert.Equal(SentimentLabels.Positive, document.Sentiment.Label);
        Assert.True(document.Sentiment.Positive > document.Sentiment.Negative && document.Sentiment.Positive > document.Sentiment.Neutral);
        Assert.Equal(1.0, document.Sentiment.Negative + document.Sentiment.Neutral + document.Sentiment.Positive, 3);
        Assert.Equal(document.Sentiment.Score, document.Sentiment.Positive - document.Sentiment.Negative, 3);
        Assert.Equal(TweetDocument.EmbeddingDimensions, document.Embedding!.Length);
        Assert.Equal("hashing-ngram-384-v1", document.Pipeline.Embedder);
    }

    [Fact]
    public void SourceEntities_AreUsedAsGiven()
    {
        var tweet = new SourceTweet
        {
            Id = "5",
            CreatedAt = Now,
            Text = "see https://t.co/abc #notextracted",
            Source = "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
            Entities = new SourceEntities { Hashtags = ["given"], Urls = [new SourceUrl("https://t.co/abc", "https://www.example.com/page")] },
            InReplyToStatusId = "4",
            RetweetedStatusId = "3",
        };

        var document = Enricher.Enrich(tweet);

        Assert.Equal(["given"], document.Hashtags);
        Assert.Equal(new UrlDocument { Url = "https://t.co/abc", ExpandedUrl = "https://www.example.com/page", Domain = "example.com" }, Assert.Single(document.Urls));
        Assert.Equal("Twitter for iPhone", document.Source);
        Assert.True(document.IsReply);
        Assert.True(document.IsRetweet);
        Assert.False(document.IsQuote);
    }

    [Fact]
    public void ProfileLocation_GeolocatesTheDocument()
    {
        var document = Enricher.Enrich(new SourceTweet { Id = "6", Text = "hi", User = new SourceUser { Id = "1", Location = "Berlin, Germany" } });

        Assert.NotNull(document.Geo);
        Assert.Equal((GeoSources.Profile, "DE", "Berlin"), (document.Geo.Source, document.Geo.CountryCode, document.Geo.City));
    }

    [Fact]
    public async Task EnrichAsync_MatchesEnrich()
    {
        var tweet = new SourceTweet { Id = "7", CreatedAt = Now, Text = "Same either way #sync" };

        var batch = await Enricher.EnrichAsync([tweet]);

        Assert.Equal(Enricher.Enrich(tweet).Embedding, batch[0].Embedding);
    }

    [Fact]
    public void APrecomputedEmbedding_IsUsed_AndAWrongSizeIsRefusedWithTheSizes()
    {
        var tweet = new SourceTweet { Id = "8", CreatedAt = Now, Text = "embedded elsewhere" };
        var vector = new float[TweetDocument.EmbeddingDimensions];
        vector[3] = 1f;

        Assert.Same(vector, Enricher.Enrich(tweet, vector).Embedding);
        Assert.Null(Enricher.Enrich(tweet, null).Embedding);
        Assert.Equal("hashing-ngram-384-v1", Enricher.Enrich(tweet, null).Pipeline.Embedder);
        var error = Assert.Throws<ArgumentException>(() => Enricher.Enrich(tweet, new float[10]));
        Assert.Contains("10", error.Message);
        Assert.Contains("384", error.Message);
    }
}
