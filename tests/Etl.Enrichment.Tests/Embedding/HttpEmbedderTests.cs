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
    [InlineData(HttpStatusCode.BadRequest, false)]
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
    public void Factory_ChoosesByProvider()
    {
        Assert.IsType<HashingEmbedder>(EmbedderFactory.Create(new EmbeddingOptions()));
        Assert.IsType<HttpEmbedder>(EmbedderFactory.Create(Options, new HttpClient()));
    }
}
