using Etl.Enrichment.Embedding;
using Xunit.Abstractions;

namespace Etl.Enrichment.Tests.Embedding;

[Collection(OnnxEmbedderCollection.Name)]
public class OnnxEmbedderTests(OnnxEmbedderFixture fixture, ITestOutputHelper output)
{
    private readonly OnnxEmbedder embedder = fixture.Embedder;

    private static readonly string[] Subjects = ["the mayor", "our team", "my neighbour", "the airline", "a local bakery", "the council", "my sister", "the new cafe"];
    private static readonly string[] Verbs = ["announced", "cancelled", "celebrated", "complained about", "posted photos of", "is planning"];
    private static readonly string[] Objects = ["the summer festival", "a late train", "the football final", "free coffee", "the storm damage", "a charity run", "road works", "the product launch"];
    private static readonly string[] Tails = ["", " this morning", " again, unbelievable", " and everyone in town is talking about it", " #local", " 😂😂"];

    /// <summary><paramref name="count"/> distinct tweet-like texts of varied length, different for each seed.</summary>
    private static string[] DistinctTexts(int count, int seed)
    {
        var random = new Random(seed);
        var texts = new HashSet<string>();
        while (texts.Count < count)
        {
            texts.Add($"{Subjects[random.Next(Subjects.Length)]} {Verbs[random.Next(Verbs.Length)]} {Objects[random.Next(Objects.Length)]}{Tails[random.Next(Tails.Length)]} ({seed}-{texts.Count})");
        }

        return [.. texts];
    }

    /// <summary>As the embed stage calls the embedder: batches in arrival order, two in flight.</summary>
    private async Task<float[][]> EmbedLikeTheStageAsync(string[] texts, int batchSize)
    {
        var vectors = new float[texts.Length][];
        var inFlight = new Queue<(int Start, Task<IReadOnlyList<float[]>> Vectors)>();
        for (var start = 0; start < texts.Length; start += batchSize)
        {
            if (inFlight.Count == 2)
            {
                var (done, batch) = inFlight.Dequeue();
                (await batch).ToArray().CopyTo(vectors, done);
            }

            inFlight.Enqueue((start, embedder.EmbedAsync(texts[start..Math.Min(texts.Length, start + batchSize)])));
        }

        foreach (var (done, batch) in inFlight)
        {
            (await batch).ToArray().CopyTo(vectors, done);
        }

        return vectors;
    }

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

    [Fact]
    public async Task RepeatedTexts_GetTheVectorOfTheTextAlone_AndAreCountedAsCacheHits()
    {
        var (a, b, c) = ($"the parade was moved to sunday {Guid.NewGuid():N}", $"free tickets at the door {Guid.NewGuid():N}", $"rain all day again {Guid.NewGuid():N}");
        var (hits, misses, embeddedBefore) = (embedder.Cache.Hits, embedder.Cache.Misses, embedder.Embedded);

        var first = await embedder.EmbedAsync([a, b, "RT @fan: " + a, "  " + a.ToUpperInvariant() + " https://t.co/x1"]);
        Assert.Equal((0, 2, 2), (embedder.Cache.Hits - hits, embedder.Cache.Misses - misses, embedder.Embedded - embeddedBefore));

        var second = await embedder.EmbedAsync(["RT @other: " + b, a, c]);
        Assert.Equal((2, 3, 3), (embedder.Cache.Hits - hits, embedder.Cache.Misses - misses, embedder.Embedded - embeddedBefore));

        Assert.Same(first[0], first[2]);
        Assert.Same(first[0], first[3]);
        Assert.Same(first[0], second[1]);
        Assert.Same(first[1], second[0]);
        foreach (var (text, vector) in new[] { (a, first[0]), (b, first[1]), (c, second[2]) })
        {
            var alone = embedder.RunBatch([embedder.Tokenize(EmbeddingText.Normalize(text))])[0];
            Assert.True(Cosine(alone, vector) > 0.9999, $"'{text}' embedded with others differs from the text alone.");
        }
    }

    [Fact]
    public async Task AStreamHalfRetweets_RunsTheModelOnItsDistinctTextsOnce_ForHalfTheWork()
    {
        embedder.Cache.Clear();
        var distinct = DistinctTexts(192, seed: 1);
        var originals = DistinctTexts(96, seed: 2);
        var random = new Random(3);
        var stream = new List<(string Text, int Original)>();
        var next = 0;
        while (stream.Count < 192)
        {
            var seen = next;
            var retweet = seen > 0 && (next == originals.Length || random.Next(2) == 0) && stream.Count - seen < 96;
            var original = retweet ? random.Next(seen) : next++;
            stream.Add((retweet ? $"RT @user{random.Next(1000)}: {originals[original]}" : originals[original], original));
        }

        var (embeddedBefore, runsBefore, tokensBefore) = (embedder.Embedded, embedder.ModelRuns, embedder.ModelTokens);
        await EmbedLikeTheStageAsync(distinct, batchSize: 32);
        var (distinctRuns, distinctTokens) = (embedder.ModelRuns - runsBefore, embedder.ModelTokens - tokensBefore);
        Assert.Equal(192, embedder.Embedded - embeddedBefore);

        (embeddedBefore, runsBefore, tokensBefore) = (embedder.Embedded, embedder.ModelRuns, embedder.ModelTokens);
        var vectors = await EmbedLikeTheStageAsync([.. stream.Select(s => s.Text)], batchSize: 32);
        var (halfRuns, halfTokens) = (embedder.ModelRuns - runsBefore, embedder.ModelTokens - tokensBefore);

        Assert.Equal(96, embedder.Embedded - embeddedBefore);
        var firstOf = new Dictionary<int, float[]>();
        for (var i = 0; i < stream.Count; i++)
        {
            Assert.Same(firstOf.TryAdd(stream[i].Original, vectors[i]) ? vectors[i] : firstOf[stream[i].Original], vectors[i]);
        }

        var ratio = (double)distinctTokens / halfTokens;
        output.WriteLine($"distinct stream: {distinctRuns} model runs, {distinctTokens} token positions; half retweets: {halfRuns} runs, {halfTokens} positions; work ratio {ratio:F2}");
        Assert.True(ratio > 1.8, $"half the texts repeated should halve the model's work; ratio {ratio:F2}");
        Assert.True(halfRuns <= (96 / embedder.Options.MaxBatchSize) + 2, $"{halfRuns} model runs for 96 texts: runs should be full");
    }
}
