using Etl.Enrichment.Embedding;
using Xunit.Abstractions;

namespace Etl.Enrichment.Tests.Embedding;

/// <summary>What the embedders are for: texts that mean the same are near, whatever their words.</summary>
[Collection(OnnxEmbedderCollection.Name)]
public class EmbeddingQualityTests(OnnxEmbedderFixture fixture, ITestOutputHelper output)
{
    /// <summary>Each pair says one thing twice with (almost) no content word in common.</summary>
    private static readonly (string A, string B)[] Paraphrases =
    [
        ("My flight got cancelled and I'm stuck at the airport", "Plane scrapped, now stranded at the terminal overnight"),
        ("The power went out across the whole neighbourhood", "Blackout hit every house on our block"),
        ("Heavy rain flooded the streets downtown", "City centre roads under water after the downpour"),
        ("Just adopted a puppy, so happy!", "Brought home a little dog today and I'm thrilled"),
        ("The new phone's battery dies before lunch", "This handset can't hold a charge past noon"),
        ("Traffic on the motorway is backed up for miles", "Huge jam on the highway, cars barely moving"),
        ("Our team won the championship final tonight", "We lifted the trophy after beating them in the decider"),
        ("The coffee shop around the corner closed for good", "That café near my place shut down permanently"),
        ("Earthquake shook buildings in the capital this morning", "Tremor rattled offices across the city at dawn"),
        ("Prices at the supermarket keep going up", "Groceries cost more every single week"),
        ("I can't sleep, wide awake at 3am again", "Insomnia strikes, still up in the middle of the night"),
        ("The concert was sold out in minutes", "Every ticket for the gig vanished almost instantly"),
    ];

    private static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static (double Margin, double Accuracy) Score(IReadOnlyList<float[]> a, IReadOnlyList<float[]> b)
    {
        var paraphrase = 0.0;
        var unrelated = 0.0;
        var unrelatedCount = 0;
        var correct = 0;
        var comparisons = 0;
        for (var i = 0; i < a.Count; i++)
        {
            var same = Dot(a[i], b[i]);
            paraphrase += same;
            for (var j = 0; j < b.Count; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var other = Dot(a[i], b[j]);
                unrelated += other;
                unrelatedCount++;
                comparisons++;
                correct += same > other ? 1 : 0;
            }
        }

        return ((paraphrase / a.Count) - (unrelated / unrelatedCount), (double)correct / comparisons);
    }

    [Fact]
    public async Task ParaphrasePairs_AreCloserThanUnrelatedPairs_WithAMargin()
    {
        var onnxA = await fixture.Embedder.EmbedAsync(Paraphrases.Select(p => p.A).ToArray());
        var onnxB = await fixture.Embedder.EmbedAsync(Paraphrases.Select(p => p.B).ToArray());
        var hashA = await HashingEmbedder.Instance.EmbedAsync(Paraphrases.Select(p => p.A).ToArray());
        var hashB = await HashingEmbedder.Instance.EmbedAsync(Paraphrases.Select(p => p.B).ToArray());

        var onnx = Score(onnxA, onnxB);
        var hashing = Score(hashA, hashB);
        output.WriteLine($"onnx: mean cosine margin {onnx.Margin:F3}, paraphrase closer than unrelated in {onnx.Accuracy:P1} of comparisons");
        output.WriteLine($"hashing: mean cosine margin {hashing.Margin:F3}, paraphrase closer than unrelated in {hashing.Accuracy:P1} of comparisons");

        Assert.True(onnx.Margin > 0.3, $"onnx margin {onnx.Margin:F3}");
        Assert.True(onnx.Accuracy >= 0.95, $"onnx accuracy {onnx.Accuracy:P1}");
        Assert.True(onnx.Margin > hashing.Margin + 0.2, $"onnx {onnx.Margin:F3} vs hashing {hashing.Margin:F3}");
    }

    [Fact]
    public async Task Clustering_onnx_vectors_recovers_tweet_topics_better_than_TF_IDF()
    {
        var texts = TopicTweets.All.Select(t => t.Text).ToArray();
        var topics = TopicTweets.All.Select(t => t.Topic).ToArray();
        var k = topics.Distinct().Count();

        var vectors = new Dictionary<string, IReadOnlyList<float[]>>
        {
            ["onnx"] = await fixture.Embedder.EmbedAsync(texts),
            ["TF-IDF"] = TopicClustering.TfIdf(texts),
            ["hashing"] = await HashingEmbedder.Instance.EmbedAsync(texts),
        };
        var scores = new Dictionary<(string Vectors, string Clustering), double>();
        foreach (var (name, v) in vectors)
        {
            scores[(name, "average linkage")] = TopicClustering.NormalizedMutualInformation(topics, TopicClustering.AverageLinkage(v, k));
            scores[(name, "spherical k-means")] = TopicClustering.NormalizedMutualInformation(topics, TopicClustering.SphericalKMeans(v, k));
        }

        output.WriteLine($"{texts.Length} tweets, {k} topics, clusters = {k}; NMI against the topic labels:");
        foreach (var ((name, clustering), nmi) in scores)
        {
            output.WriteLine($"  {name,-8} {clustering,-18} {nmi:F3}");
        }

        // Each representation at its best clustering: the baseline gets the method that suits sparse vectors.
        var onnx = Math.Max(scores[("onnx", "average linkage")], scores[("onnx", "spherical k-means")]);
        var tfIdf = Math.Max(scores[("TF-IDF", "average linkage")], scores[("TF-IDF", "spherical k-means")]);
        output.WriteLine($"best: onnx {onnx:F3}, TF-IDF {tfIdf:F3} ({onnx / tfIdf:F2}x)");
        Assert.True(onnx > tfIdf + 0.1, $"NMI onnx {onnx:F3} vs TF-IDF {tfIdf:F3}");
        Assert.True(scores[("onnx", "spherical k-means")] > scores[("TF-IDF", "spherical k-means")], "k-means on onnx vectors lost to k-means on TF-IDF");
        Assert.True(onnx > 0.6, $"NMI onnx {onnx:F3}");
    }
}
