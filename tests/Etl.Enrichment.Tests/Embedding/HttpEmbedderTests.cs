using System.Net;
using System.Text;
using System.Text.Json;
using Etl.Enrichment.Embedding;

namespace Etl.Enrichment.Tests.Embedding;

public class HttpEmbedderTests
{
    private sealed class RecordingHandler(Func<HttpRequestMessage, string, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            Bodies.Add(body);
            return respond(request, body);
        }
    }

    private static HttpResponseMessage Embeddings(int count, int dimensions) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(JsonSerializer.Serialize(new
        {
            @object = "list",
            data = Enumerable.Range(0, count).Select(i => new { @object = "embedding", index = i, embedding = Enumerable.Repeat(i + 1f, dimensions).ToArray() }),
            model = "all-minilm",
        }), Encoding.UTF8, "application/json"),
    };

    private static readonly EmbeddingOptions Options = new() { Provider = "http", Endpoint = new Uri("http://embeddings.test/"), Model = "all-minilm", BatchSize = 2 };

    [Fact]
    public async Task PostsOpenAiRequests_InBatches_AndNormalisesVectors()
    {
        var handler = new RecordingHandler((request, body) =>
        {
            Assert.Equal("http://embeddings.test/v1/embeddings", request.RequestUri!.ToString());
            return Embeddings(JsonDocument.Parse(body).RootElement.GetProperty("input").GetArrayLength(), 384);
        });
        var embedder = new HttpEmbedder(new HttpClient(handler), Options);

        var vectors = await embedder.EmbedAsync(["a", "b", "c"]);

        Assert.Equal(2, handler.Bodies.Count);
        Assert.Contains("\"model\":\"all-minilm\"", handler.Bodies[0]);
        Assert.Equal(3, vectors.Count);
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 4));
    }

    [Fact]
    public async Task AModelWithOtherDimensions_IsRejectedWithTheFix()
    {
        var embedder = new HttpEmbedder(new HttpClient(new RecordingHandler((_, _) => Embeddings(1, 768))), Options);

        var error = await Assert.ThrowsAsync<EmbeddingServerException>(() => embedder.EmbedAsync(["a"]));

        Assert.Contains("768", error.Message);
        Assert.Contains("384", error.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.Unauthorized, true)]
    [InlineData(HttpStatusCode.NotFound, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.UnprocessableEntity, false)]
    public async Task ServerErrors_SayWhetherToRetry(HttpStatusCode status, bool transient)
    {
        var embedder = new HttpEmbedder(new HttpClient(new RecordingHandler((_, _) => new HttpResponseMessage(status) { Content = new StringContent("nope") })), Options);

        var error = await Assert.ThrowsAsync<EmbeddingServerException>(() => embedder.EmbedAsync(["a"]));

        Assert.Equal(transient, error.IsTransient);
    }

    [Fact]
    public void Validator_ReportsEveryProblem()
    {
        var result = new EmbeddingOptionsValidator().Validate(null, new EmbeddingOptions { Provider = "http", Endpoint = null, Model = " ", BatchSize = 0, Timeout = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("Embedding:Endpoint"));
    }

    [Fact]
    public async Task TeiApi_PostsToEmbed_AndReadsTheArrayOfArrays()
    {
        var handler = new RecordingHandler((request, body) =>
        {
            Assert.Equal("http://tei.test/base/embed", request.RequestUri!.ToString());
            var inputs = JsonDocument.Parse(body).RootElement.GetProperty("inputs").GetArrayLength();
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(JsonSerializer.Serialize(Enumerable.Range(0, inputs).Select(i => Enumerable.Repeat(i + 2f, 384)).ToArray()), Encoding.UTF8, "application/json"),
            };
        });
        var embedder = new HttpEmbedder(new HttpClient(handler), new EmbeddingOptions { Provider = "http", Api = "tei", Endpoint = new Uri("http://tei.test/base"), Model = "minilm", BatchSize = 2 });

        var vectors = await embedder.EmbedAsync(["a", "b", "c"]);

        Assert.Equal(2, handler.Bodies.Count);
        Assert.Contains("\"truncate\":true", handler.Bodies[0]);
        Assert.Equal(3, vectors.Count);
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 4));
    }

    [Fact]
    public async Task AnUnreachableServer_IsAnOutageToWaitFor()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there any more: connection refused
        var embedder = new HttpEmbedder(new HttpClient(), new EmbeddingOptions { Provider = "http", Endpoint = new Uri($"http://127.0.0.1:{port}/"), Model = "m" });

        var error = await Assert.ThrowsAsync<EmbeddingServerException>(() => embedder.EmbedAsync(["a"]));

        Assert.True(error.IsTransient);
        Assert.Contains("Embedding:Endpoint", error.Message);
    }

    [Fact]
    public async Task ASlowServer_TimesOutAsAnOutage()
    {
        var embedder = new HttpEmbedder(
            new HttpClient(new DelayingHandler()),
            new EmbeddingOptions { Provider = "http", Endpoint = new Uri("http://slow.test/"), Model = "m", Timeout = TimeSpan.FromMilliseconds(50) });

        var error = await Assert.ThrowsAsync<EmbeddingServerException>(() => embedder.EmbedAsync(["a"]));

        Assert.True(error.IsTransient);
        Assert.Contains("Timeout", error.Message);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("<html>bad gateway</html>")]
    [InlineData("{\"data\":[{\"embedding\":[1,2")]
    public async Task AnUnreadableSuccess_IsAFailureNotAnEmptyResult(string body)
    {
        var embedder = new HttpEmbedder(
            new HttpClient(new RecordingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") })),
            Options);

        var error = await Assert.ThrowsAsync<EmbeddingServerException>(() => embedder.EmbedAsync(["a"]));

        Assert.True(error.IsTransient);
    }

    private sealed class DelayingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }

    [Fact]
    public void Factory_ChoosesByProvider()
    {
        Assert.IsType<HashingEmbedder>(EmbedderFactory.Create(new EmbeddingOptions()));
        Assert.IsType<HttpEmbedder>(EmbedderFactory.Create(Options, new HttpClient()));

        // The worker builds its embedder without an HttpClient; that used to throw at start.
        Assert.IsType<HttpEmbedder>(EmbedderFactory.Create(Options));
    }
}
