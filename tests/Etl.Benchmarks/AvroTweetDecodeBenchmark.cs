using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Etl.Kafka.Registry;
using etl.tweets;
using Etl.Worker.DevStack;

namespace Etl.Benchmarks;

/// <summary>
/// Decoding one Confluent-framed Tweet record (~580 bytes) per operation with Confluent's <c>AvroDeserializer&lt;Tweet&gt;</c>,
/// which the worker's decode stage runs: one call at a time, blocked on (what a synchronous caller pays), and 32 calls
/// in flight, awaited in order (what one lane of the worker's enrich stage does). Every call completes on another
/// thread, so the two differ by how much of that hand-off is hidden. The bytes are produced by Confluent's serializer and
/// registered in the dev-stack registry on loopback (asked once per schema id). The run against the hand-written codec
/// this project carried before issue 10 is in results/AvroTweetDecodeBenchmark.md.
/// </summary>
[MemoryDiagnoser]
public class AvroTweetDecodeBenchmark
{
    private const int Records = 1000;
    private const int InFlight = 32;
    private const string Topic = "tweets.raw";
    private readonly byte[][] framed = new byte[Records][];
    private readonly Task<Tweet>[] window = new Task<Tweet>[InFlight];
    private SchemaRegistryServer server = null!;
    private CachedSchemaRegistryClient client = null!;
    private AvroDeserializer<Tweet> confluent = null!;
    private SerializationContext context;

    [GlobalSetup]
    public void Setup()
    {
        server = SchemaRegistryServer.StartAsync().GetAwaiter().GetResult();
        client = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = server.Url.ToString() });
        context = new SerializationContext(MessageComponentType.Value, Topic);
        var serializer = new AvroSerializer<Tweet>(client, new AvroSerializerConfig { AutoRegisterSchemas = true, SubjectNameStrategy = SubjectNameStrategy.Topic });
        for (var i = 0; i < Records; i++)
        {
            framed[i] = serializer.SerializeAsync(Sample(i), context).GetAwaiter().GetResult();
        }

        confluent = AvroSerdes.Deserializer<Tweet>(client);
        var first = confluent.DeserializeAsync(framed[0], isNull: false, context).GetAwaiter().GetResult();
        if (first.Id != Sample(0).Id || first.Entities!.Urls[0] != Sample(0).Entities!.Urls[0])
        {
            throw new InvalidOperationException("Benchmark set-up is wrong: the record does not read back.");
        }

        var synchronous = framed.Count(bytes => confluent.DeserializeAsync(bytes, isNull: false, context).IsCompletedSuccessfully);
        Console.WriteLine($"// framed Tweet record: {framed[0].Length} bytes; Confluent DeserializeAsync completed synchronously for {synchronous} of {Records} records");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        client.Dispose();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>One call at a time, blocked on.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public long ConfluentOneAtATime()
    {
        long sum = 0;
        foreach (var bytes in framed)
        {
            sum += confluent.DeserializeAsync(bytes, isNull: false, context).GetAwaiter().GetResult().LikeCount;
        }

        return sum;
    }

    /// <summary>As a worker lane runs it: up to 32 calls in flight, results taken in order.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public async Task<long> ConfluentInFlight32()
    {
        long sum = 0;
        for (var i = 0; i < Records; i++)
        {
            if (i >= InFlight)
            {
                sum += (await window[i % InFlight]).LikeCount;
            }

            window[i % InFlight] = confluent.DeserializeAsync(framed[i], isNull: false, context);
        }

        for (var i = Records; i < Records + InFlight; i++)
        {
            sum += (await window[i % InFlight]).LikeCount;
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
        LikeCount = 17,
        InReplyToStatusId = 1_234_567_890_000_000_000,
    };
}
