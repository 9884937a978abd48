using Etl.Enrichment.Sentiment;

namespace Etl.Enrichment.Tests.Sentiment;

public class SentimentFeaturesTests
{
    private static int[] Slots(string text, SentimentFeatureOptions? options = null)
    {
        var slots = new int[SentimentFeatures.MaxFeatures];
        var count = SentimentFeatures.Vectorize(text, SentimentLexicon.Empty(), options ?? SentimentFeatureOptions.Default, slots);
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
            var count = SentimentFeatures.Extract(text, SentimentLexicon.Empty(), options, hashes);
            var expected = hashes[..count].Select(h => (int)(h & ((1u << bits) - 1))).Distinct().Order().ToArray();

            Assert.Equal(expected, Slots(text, options));
        }
    }

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
