using System.IO.Compression;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Etl.Elastic.Bulk;
using Etl.Elastic.Serialization;
using Etl.Schemas.Documents;
using Etl.Schemas.Naming;

namespace Etl.Benchmarks.Elastic;

/// <summary>
/// Serializing a 1,000-document <c>_bulk</c> body. Times and allocations are per document (OperationsPerInvoke).
/// Baseline: the obvious approach — reflection-based JsonSerializer to a string per line, joined in a StringBuilder.
/// </summary>
[MemoryDiagnoser]
public class BulkSerializationBenchmark
{
    private const int Documents = 1000;

    private static readonly JsonSerializerOptions ReflectionOptions = new();

    private List<BulkOperation> _operations = [];
    private List<TweetDocument> _tweets = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _tweets = [.. Enumerable.Range(0, Documents).Select(i => Tweet(i, random))];
        _operations = [.. _tweets.Select(t => (BulkOperation)BulkOperation.IndexDocument(
            IndexNames.TweetsIndexFor(t.CreatedAt), t.Id, t, DocumentJsonContext.Default.TweetDocument))];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Documents)]
    public int ReflectionStringBuilder()
    {
        var body = new StringBuilder();
        foreach (var tweet in _tweets)
        {
            body.Append(JsonSerializer.Serialize(new { index = new { _index = IndexNames.TweetsIndexFor(tweet.CreatedAt), _id = tweet.Id } }, ReflectionOptions)).Append('\n');
            body.Append(JsonSerializer.Serialize(tweet, ReflectionOptions)).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(body.ToString());
        Stream.Null.Write(bytes);
        return bytes.Length;
    }

    [Benchmark(OperationsPerInvoke = Documents)]
    public async Task<long> SourceGeneratedWriter()
    {
        var counter = new CountingStream();
        await BulkNdjsonWriter.WriteAsync(counter, _operations);
        return counter.Length;
    }

    [Benchmark(OperationsPerInvoke = Documents)]
    public async Task<long> SourceGeneratedWriterGzip()
    {
        var counter = new CountingStream();
        await using (var gzip = new GZipStream(counter, CompressionLevel.Fastest, leaveOpen: true))
        {
            await BulkNdjsonWriter.WriteAsync(gzip, _operations);
        }

        return counter.Length;
    }

    private static TweetDocument Tweet(int i, Random random) => new()
    {
        Id = (1850000000000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
        CreatedAt = new DateTimeOffset(2024, 10, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
        IngestedAt = new DateTimeOffset(2024, 10, 1, 0, 0, 5, TimeSpan.Zero).AddMinutes(i),
        Text = $"Tweet number {i} about #weather in Berlin with @someone and https://t.co/x{i} — it is raining again",
        Lang = "en",
        Source = "Twitter for iPhone",
        User = new TweetUserDocument { Id = (i % 97).ToString(System.Globalization.CultureInfo.InvariantCulture), ScreenName = "user" + (i % 97), FollowersCount = i, FriendsCount = i / 2 },
        Hashtags = ["weather"],
        Mentions = ["someone"],
        Urls = [new UrlDocument { Url = $"https://t.co/x{i}", ExpandedUrl = $"https://example.org/{i}", Domain = "example.org" }],
        Engagement = new EngagementDocument { LikeCount = i % 13, RetweetCount = i % 5 },
        Sentiment = new SentimentDocument { Label = SentimentLabels.Negative, Score = -0.3 },
        Geo = new GeoDocument { Location = new GeoPointDocument(52.52, 13.405), Source = GeoSources.Place, CountryCode = "DE", Confidence = 0.8 },
        Embedding = [.. Enumerable.Range(0, TweetDocument.EmbeddingDimensions).Select(_ => (float)(random.NextDouble() * 2 - 1))],
        Pipeline = new PipelineDocument { Version = "1.0.0", Embedder = "hash-384" },
    };

    /// <summary>Counts bytes instead of keeping them, so the destination costs nothing.</summary>
    private sealed class CountingStream : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Position;

        public override long Position { get; set; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Position += count;

        public override void Write(ReadOnlySpan<byte> buffer) => Position += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Position += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
