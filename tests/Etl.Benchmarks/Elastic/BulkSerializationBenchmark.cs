using BenchmarkDotNet.Attributes;
using Etl.Benchmarks.Worker;
using Etl.Elastic;
using Etl.Elastic.Bulk;
using Etl.Elastic.Serialization;
using Etl.Schemas.Documents;
using Etl.Elastic.Transport;
using Etl.Schemas.Naming;

namespace Etl.Benchmarks.Elastic;

/// <summary>
/// Client-side cost per document of one 1,000-document <c>_bulk</c> round trip against a local peer that reads every
/// byte and acknowledges every item (serialize + send + read the answer). Baseline: the hand-written writer and parser
/// Etl.Elastic had before (<see cref="LegacyBulkClient"/>), measured in the same run as the official client
/// (Elastic.Clients.Elasticsearch 9.5.3 under our <c>BulkClient</c>, the vector as base64 float32), with and without
/// gzip at the fastest level. Times and allocations are per document (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class BulkSerializationBenchmark
{
    private const int Documents = 1000;

    private List<BulkOperation> _operations = [];
    private List<BulkOperation> _rawOperations = [];
    private List<(string Index, string Id, TweetDocument Document)> _batch = [];
    private BulkSinkServer _server = null!;
    private LegacyBulkClient _legacy = null!;
    private ElasticsearchClient _official = null!;
    private ElasticsearchClient _officialGzip = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var tweets = Enumerable.Range(0, Documents).Select(i => Tweet(i, random)).ToList();
        _batch = [.. tweets.Select(t => (IndexNames.TweetsIndexFor(t.CreatedAt), t.Id, t))];
        _operations = [.. tweets.Select(t => (BulkOperation)BulkOperation.IndexDocument(
            IndexNames.TweetsIndexFor(t.CreatedAt), t.Id, t, DocumentJsonContext.Default.TweetDocument))];
        // The worker's path: documents serialized upstream (in parallel), the bulk only copies their bytes.
        _rawOperations = [.. tweets.Select(t => (BulkOperation)BulkOperation.IndexRaw(
            IndexNames.TweetsIndexFor(t.CreatedAt), t.Id, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(t, BulkDocumentJson.TweetDocument)))];
        _server = BulkSinkServer.StartAsync().GetAwaiter().GetResult();
        _legacy = new LegacyBulkClient(_server.Url);
        _official = new ElasticsearchClient(new ElasticsearchOptions { Url = _server.Url.ToString() });
        _officialGzip = new ElasticsearchClient(new ElasticsearchOptions { Url = _server.Url.ToString(), Gzip = true });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _legacy.Dispose();
        _official.Dispose();
        _officialGzip.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Documents)]
    public Task<int> HandWrittenNdjson() => _legacy.SendAsync(_batch);

    [Benchmark(OperationsPerInvoke = Documents)]
    public async Task<int> OfficialClient() => (await _official.Bulk.SendAsync(_operations)).Items.Count;

    [Benchmark(OperationsPerInvoke = Documents)]
    public async Task<int> OfficialClientPreSerialized() => (await _official.Bulk.SendAsync(_rawOperations)).Items.Count;

    [Benchmark(OperationsPerInvoke = Documents)]
    public async Task<int> OfficialClientGzipFastest() => (await _officialGzip.Bulk.SendAsync(_operations)).Items.Count;

    /// <summary>The worker's per-document serialization before this change: readable JSON, the vector as 384 numbers.</summary>
    [Benchmark(OperationsPerInvoke = Documents)]
    public long SerializeDocumentReadable()
    {
        long bytes = 0;
        foreach (var (_, _, document) in _batch)
        {
            bytes += System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(document, DocumentJsonContext.Default.TweetDocument).Length;
        }

        return bytes;
    }

    /// <summary>The worker's per-document serialization now (IndexAction.Source): the bulk form, the vector as base64 float32.</summary>
    [Benchmark(OperationsPerInvoke = Documents)]
    public long SerializeDocumentBulkBase64()
    {
        long bytes = 0;
        foreach (var (_, _, document) in _batch)
        {
            bytes += System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(document, BulkDocumentJson.TweetDocument).Length;
        }

        return bytes;
    }

    /// <summary>Serialization alone (no HTTP): the hand-written writer into a counting stream.</summary>
    [Benchmark(OperationsPerInvoke = Documents)]
    public async Task<long> HandWrittenSerializeOnly()
    {
        var counter = new CountingStream();
        await LegacyBulkClient.WriteAsync(counter, _batch);
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
