using Etl.Worker.Generation;

namespace Etl.Benchmarks.Embedding;

/// <summary>Generator tweets for the embedding benchmarks: all distinct, or with half of them retweets of earlier ones.</summary>
internal static class EmbeddingBenchmarkTexts
{
    public const int Count = 256;

    /// <summary><see cref="Count"/> tweets of the background topics and hashtag trends, no two the same after normalisation.</summary>
    public static string[] Distinct(int seed = 7) =>
        [.. new TweetGenerator(new GeneratorSettings { Count = Count * 2, Seed = seed, Trends = [PlantedTrend.Parse("solar-eclipse:30m:30m:0.2")] })
            .Generate()
            .Select(g => g.Tweet.Text)
            .DistinctBy(Etl.Enrichment.Embedding.EmbeddingText.Normalize)
            .Take(Count)];

    /// <summary>
    /// <see cref="Count"/> tweets of which half are retweets ("RT @name: " + an earlier tweet's text): each retweet
    /// follows its original at a random distance, so some share its batch, some come batches later.
    /// </summary>
    public static string[] HalfRetweets(int seed = 7)
    {
        var originals = Distinct(seed)[..(Count / 2)];
        var random = new Random(seed);
        var texts = new List<string>(Count);
        var seen = new List<string>();
        var next = 0;
        while (texts.Count < Count)
        {
            var retweet = seen.Count > 0 && (next == originals.Length || random.NextDouble() < 0.5) && texts.Count - seen.Count < Count / 2;
            if (retweet)
            {
                texts.Add($"RT @user{random.Next(1000)}: {seen[random.Next(seen.Count)]}");
            }
            else
            {
                seen.Add(originals[next]);
                texts.Add(originals[next++]);
            }
        }

        return [.. texts];
    }
}
