using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Etl.Kafka.Registry;
using etl.tweets;
using Etl.Worker.DevStack;

namespace Etl.Benchmarks;

/// <summary>
/// Decoding one Confluent-framed Tweet record (~580 bytes) per operation: Confluent's <c>AvroDeserializer&lt;Tweet&gt;</c>
/// called the way a synchronous pipeline stage calls it (baseline) against Apache Avro's specific reader with the
/// writer schema cached per id (what the worker runs, <c>AvroRecordReader&lt;Tweet&gt;</c>). Both read the same bytes,
/// produced by Confluent's serializer and registered in the dev-stack registry on loopback (asked once per schema id).
/// The run against the hand-written codec this project carried before is in results/AvroTweetDecodeBenchmark.md.
/// </summary>
[MemoryDiagnoser]
public class AvroTweetDecodeBenchmark
{
    private const int Records = 1000;
    private const string Topic = "tweets.raw";
    private readonly byte[][] framed = new byte[Records][];
    private SchemaRegistryServer server = null!;
    private CachedSchemaRegistryClient client = null!;
    private AvroDeserializer<Tweet> confluent = null!;
    private AvroRecordReader<Tweet> reader = null!;
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

        confluent = new AvroDeserializer<Tweet>(client, new AvroDeserializerConfig { SubjectNameStrategy = SubjectNameStrategy.Topic });
        reader = new AvroRecordReader<Tweet>(client);

        // Same answer from both, and both warmed (schema fetched) before measuring.
        var a = confluent.DeserializeAsync(framed[0], isNull: false, context).GetAwaiter().GetResult();
        var c = reader.Read(framed[0]);
        if (c.Id != a.Id || c.Text != a.Text || c.Entities!.Urls[0] != a.Entities!.Urls[0])
        {
            throw new InvalidOperationException("Benchmark set-up is wrong: the two decoders disagree.");
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

    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public long ConfluentDeserializer()
    {
        long sum = 0;
        foreach (var bytes in framed)
        {
            sum += confluent.DeserializeAsync(bytes, isNull: false, context).GetAwaiter().GetResult().LikeCount;
        }

        return sum;
    }

    /// <summary>What the worker's decode stage runs: Apache Avro's specific reader per cached writer schema id (AvroRecordReader).</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public long SpecificReaderOnCacheHit()
    {
        long sum = 0;
        foreach (var bytes in framed)
        {
            sum += reader.Read(bytes).LikeCount;
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
