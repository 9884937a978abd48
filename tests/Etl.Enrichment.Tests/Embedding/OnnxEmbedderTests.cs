using Etl.Enrichment.Embedding;

namespace Etl.Enrichment.Tests.Embedding;

[Collection(OnnxEmbedderCollection.Name)]
public class OnnxEmbedderTests(OnnxEmbedderFixture fixture)
{
    private readonly OnnxEmbedder embedder = fixture.Embedder;

    private static double Cosine(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    [Fact]
    public void Tokenize_MatchesTheHuggingFaceBertUncasedIds()
    {
        // bert-base-uncased / all-MiniLM-L6-v2 vocabulary: [CLS]=101 hello=7592 ,=1010 world=2088 !=999 [SEP]=102.
        Assert.Equal([101, 7592, 1010, 2088, 999, 102], embedder.Tokenize("Hello, World!"));

        // Hugging Face splits on '_' and keeps '+' and '<' as punctuation; BertTokenizer's default split would not.
        var ids = embedder.Tokenize("a_b 1+1 <3");
        Assert.Equal(101, ids[0]);
        Assert.Equal(102, ids[^1]);
        Assert.Equal(10, ids.Length); // [CLS] a _ b 1 + 1 < 3 [SEP]
    }

    [Fact]
    public void Tokenize_TruncatesAt128TokensKeepingSep()
    {
        var ids = embedder.Tokenize(string.Join(' ', Enumerable.Repeat("word", 400)));

        Assert.Equal(128, ids.Length);
        Assert.Equal(101, ids[0]);
        Assert.Equal(102, ids[^1]);
    }

    [Fact]
    public async Task Vectors_Are384UnitFloats_AndNameTheModelAndVersion()
    {
        var vectors = await embedder.EmbedAsync(["The quick brown fox", ""]);

        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 4);
        });
        Assert.StartsWith("onnx:all-MiniLM-L6-v2@24.9.", embedder.Name);
        Assert.True(embedder.LoadTime > TimeSpan.Zero);
    }

    [Fact]
    public async Task BatchedAndPadded_EqualsOneAtATime()
    {
        string[] texts = ["short", "a considerably longer sentence about the weather in Lisbon this morning", "medium length text here"];
        var together = await embedder.EmbedAsync(texts);
        foreach (var (text, index) in texts.Select((t, i) => (t, i)))
        {
            var alone = embedder.RunBatch([embedder.Tokenize(EmbeddingText.Normalize(text))])[0];
            Assert.True(Cosine(alone, together[index]) > 0.9999, $"'{text}' changed when padded in a batch.");
        }
    }

    [Fact]
    public async Task ARetweetAndACopy_AreEmbeddedOnce()
    {
        var unique = $"a text seen only by this test {Guid.NewGuid():N}";
        var misses = embedder.Cache.Misses;

        var vectors = await embedder.EmbedAsync([unique, "RT @someone: " + unique, unique.ToUpperInvariant() + "  "]);
        var again = await embedder.EmbedAsync([unique]);

        Assert.Same(vectors[0], vectors[1]);
        Assert.Same(vectors[0], vectors[2]);
        Assert.Same(vectors[0], again[0]);
        Assert.Equal(1, embedder.Cache.Misses - misses);
    }

    [Fact]
    public async Task A_text_two_calls_embed_at_once_runs_through_the_model_once()
    {
        var text = $"breaking news seen by two callers at once {Guid.NewGuid():N}";
        var before = embedder.Embedded;

        var both = await Task.WhenAll(embedder.EmbedAsync([text, "another " + text]), embedder.EmbedAsync(["RT @a: " + text]));

        Assert.Same(both[0][0], both[1][0]);
        Assert.Equal(2, embedder.Embedded - before);
    }

    [Fact]
    public async Task MeaningBeatsSharedWords()
    {
        // No shared content word with the first, several with the third.
        var v = await embedder.EmbedAsync([
            "The flight was cancelled and I am stuck at the airport",
            "My plane got scrapped, now stranded at the terminal",
            "The airport cafe makes a lovely flat white",
        ]);

        Assert.True(Cosine(v[0], v[1]) > Cosine(v[0], v[2]) + 0.1, $"paraphrase {Cosine(v[0], v[1]):F3} vs shared words {Cosine(v[0], v[2]):F3}");
    }
}
