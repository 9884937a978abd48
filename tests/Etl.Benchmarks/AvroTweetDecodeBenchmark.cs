using BenchmarkDotNet.Attributes;
using Etl.Schemas.Avro;
using Etl.Schemas.Records;

namespace Etl.Benchmarks;

/// <summary>
/// Decoding Tweet records (~500 bytes each) from Avro binary: the hand-written fast path against the generic
/// resolving path (what a record from an older producer schema costs). Reported per record.
/// </summary>
[MemoryDiagnoser]
public class AvroTweetDecodeBenchmark
{
    private const int Records = 1000;
    private readonly byte[][] encoded = new byte[Records][];
    private TypedDatumReader<Tweet> fast = null!;
    private TypedDatumReader<Tweet> resolving = null!;

    [GlobalSetup]
    public void Setup()
    {
        var writer = new AvroBinaryWriter();
        for (var i = 0; i < Records; i++)
        {
            writer.Reset();
            TweetAvroCodec.Instance.Encode(writer, Sample(i));
            encoded[i] = writer.ToArray();
        }

        fast = new TypedDatumReader<Tweet>(TweetAvroCodec.Instance, AvroRecordSchemas.Tweet);

        // The same layout under another namespace: names still match (by short name), but the canonical forms differ,
        // so records take the generic resolving path, as those from an older or newer producer schema would.
        var otherNamespace = AvroSchema.Parse(AvroRecordSchemas.Tweet.ToJson().Replace("\"etl.tweets.", "\"old.tweets.", StringComparison.Ordinal));
        resolving = new TypedDatumReader<Tweet>(TweetAvroCodec.Instance, otherNamespace);
        if (!fast.IsFastPath || resolving.IsFastPath)
        {
            throw new InvalidOperationException("Benchmark set-up is wrong: expected one fast and one resolving reader.");
        }

        Console.WriteLine($"// encoded Tweet record: {encoded[0].Length} bytes");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public long FastPath()
    {
        long sum = 0;
        foreach (var bytes in encoded)
        {
            sum += fast.Read(bytes).LikeCount;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public long ResolvingPath()
    {
        long sum = 0;
        foreach (var bytes in encoded)
        {
            sum += resolving.Read(bytes).LikeCount;
        }

        return sum;
    }

    private static Tweet Sample(int i) => new()
    {
        Id = 1_300_000_000_000_000_000 + i,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_600_000_000_000 + (i * 1000L)),
        Text = $"Rain again in #Manchester, umbrellas out. @metoffice says it lasts till Friday https://t.co/abc{i} $GBP",
        Lang = "en",
        Source = "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
        User = new TweetUser
        {
            Id = 98765 + i,
            ScreenName = "weather_fan",
            Name = "Weather Fan",
            Location = "Manchester, UK",
            Description = "Clouds, mostly. Opinions my own.",
            FollowersCount = 1234,
            FriendsCount = 321,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_300_000_000_000),
        },
        Coordinates = new TweetCoordinates(53.4808, -2.2426),
        Place = new TweetPlace
        {
            Id = "315b740b108481f6",
            FullName = "Manchester, England",
            Name = "Manchester",
            CountryCode = "GB",
            Country = "United Kingdom",
            PlaceType = "city",
            BoundingBox = [new LonLat(-2.32, 53.34), new LonLat(-2.14, 53.34), new LonLat(-2.14, 53.54), new LonLat(-2.32, 53.54)],
        },
        Entities = new TweetEntities
        {
            Hashtags = ["Manchester"],
            Mentions = [new TweetMention("metoffice", 17_440_224)],
            Urls = [new TweetUrl("https://t.co/abc", "https://www.metoffice.gov.uk/weather/forecast")],
            Cashtags = ["GBP"],
        },
        RetweetCount = 3,
        LikeCount = 17,
        InReplyToStatusId = 1_234_567_890_000_000_000,
    };
}
