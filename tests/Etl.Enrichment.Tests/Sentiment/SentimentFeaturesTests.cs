using Etl.Enrichment.Sentiment;

namespace Etl.Enrichment.Tests.Sentiment;

public class SentimentFeaturesTests
{
    private static int[] Slots(string text, SentimentFeatureOptions? options = null)
    {
        var slots = new int[SentimentFeatures.MaxFeatures];
        var count = SentimentFeatures.Vectorize(text, SentimentLexicon.Empty(), SentimentWordClusters.Empty(), options ?? SentimentFeatureOptions.Default, slots);
        return slots[..count];
    }

    [Fact]
    public void Vectorize_GivesAscendingDistinctSlotsInsideTheVector()
    {
        var slots = Slots("sooo good good good!!! @you http://t.co/x #Great 😍 :)");

        Assert.NotEmpty(slots);
        Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.True(pair.First < pair.Second));
        Assert.All(slots, s => Assert.InRange(s, 0, SentimentFeatureOptions.Default.Dimension - 1));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(18)]
    [InlineData(21)]
    [InlineData(24)]
    public void Vectorize_IsTheSortedDistinctMaskedFeatures_ForShortTweetsAndTextsOfThousandsOfFeatures(int bits)
    {
        var options = SentimentFeatureOptions.Default with { Bits = bits };
        var hashes = new uint[SentimentFeatures.MaxFeatures];
        string[] texts =
        [
            "ok", "@you", "sooo good good good!!! @you http://t.co/x #Great 😍 :)",
            "Thread 🧵 1/ Why distributed systems are hard: clocks drift, networks partition, and retries duplicate work.",
            string.Concat(Enumerable.Range(0, 300).Select(i => $"word{i} ")), string.Concat(Enumerable.Repeat("again and again ", 400)),
        ];
        foreach (var text in texts)
        {
            var count = SentimentFeatures.Extract(text, SentimentLexicon.Empty(), SentimentWordClusters.Empty(), options, hashes);
            var expected = hashes[..count].Select(h => (int)(h & ((1u << bits) - 1))).Distinct().Order().ToArray();

            Assert.Equal(expected, Slots(text, options));
        }
    }

    /// <summary>
    /// The committed model was trained on exactly these features, in this order (order decides which survive the
    /// <see cref="SentimentFeatures.MaxFeatures"/> cut on very long texts): any change to the featurizer's output needs a
    /// retrained model, so the hashes of a fixed text set are pinned. Change the constant only together with the model.
    /// </summary>
    [Fact]
    public void Extract_GivesTheFeaturesTheCommittedModelWasTrainedOn()
    {
        var predictor = SentimentPredictor.Default;
        var hashes = new uint[SentimentFeatures.MaxFeatures];
        string[] texts =
        [
            "", "ok", "@you", "sooo good good good!!! @you http://t.co/x #Great 😍 :)", "not good. good", "I can't believe it's NOT butter",
            "Thread 🧵 1/ Why distributed systems are hard: clocks drift, networks partition, and retries duplicate work.",
            "Nuevo episodio del podcast ya disponible 🎙️ escúchalo aquí: bit.ly/podcast42 #podcast #españa", "#東京 の天気は晴れ ☀️",
            "Supercalifragilisticexpialidocious-and-then-some-more-letters-than-forty-eight-characters-long",
            string.Concat(Enumerable.Range(0, 300).Select(i => $"word{i} ")),
        ];
        var checksum = 17UL;
        foreach (var text in texts)
        {
            var count = SentimentFeatures.Extract(text, predictor.Model.Lexicon, predictor.Model.Clusters, predictor.Model.Features, hashes);
            checksum = (checksum * 31) + (ulong)count;
            foreach (var hash in hashes.AsSpan(0, count))
            {
                checksum = (checksum * 1_000_003) ^ hash;
            }
        }

        Assert.Equal(GoldenChecksum, checksum);
    }

    private const ulong GoldenChecksum = 736447624875168044;

    [Fact]
    public void Negation_ChangesTheWordsInItsScope_UntilAClauseBreak()
    {
        var plain = Slots("good").ToHashSet();
        var negated = Slots("not good").ToHashSet();
        var closed = Slots("not. good").ToHashSet();

        Assert.False(plain.IsSubsetOf(negated));
        Assert.NotEqual(negated, closed);
    }

    [Fact]
    public void CaseAndElongation_AreNormalised_ButStillMarked()
    {
        var shout = Slots("GOOOOD").ToHashSet();
        var plain = Slots("good").ToHashSet();

        Assert.NotEqual(plain, shout);
        Assert.True(plain.Intersect(shout).Count() > plain.Count / 2, "the elongated, shouted word keeps most of its features");
    }

    [Fact]
    public void CharacterGrams_FollowTheOptions()
    {
        var none = Slots("wonderful", SentimentFeatureOptions.Default with { CharGramMin = 0 });
        var some = Slots("wonderful");

        Assert.True(some.Length > none.Length + 15, $"{some.Length} vs {none.Length}");
    }
}
