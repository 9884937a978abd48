using Etl.Enrichment.Embedding;

namespace Etl.Enrichment.Tests.Embedding;

public class HashingEmbedderTests
{
    private const double PinnedSum = -102.359;

    private static double Cosine(string a, string b)
    {
        var x = HashingEmbedder.Instance.Embed(a);
        var y = HashingEmbedder.Instance.Embed(b);
        return x.Zip(y, (p, q) => (double)p * q).Sum();
    }

    [Theory]
    [InlineData("The weather in London is terrible today", "London weather is awful today", "Just bought a new phone, the camera is amazing")]
    [InlineData("Bitcoin price crashes below 30k #crypto", "#Bitcoin falls under $30,000 as crypto markets crash", "Lovely walk in the park with my dog this morning")]
    [InlineData("Earthquake hits Tokyo, buildings shaking", "Strong earthquake shakes buildings in Tokyo", "New album from my favourite band drops Friday")]
    [InlineData("Lakers win the NBA finals! #NBAFinals", "What a game, the Lakers are NBA champions #NBAFinals", "Recipe: how to bake sourdough bread at home")]
    public void ParaphrasesAndSameTopic_ScoreHigherThanUnrelated(string text, string paraphrase, string unrelated)
    {
        var related = Cosine(text, paraphrase);
        var other = Cosine(text, unrelated);

        Assert.True(related > other + 0.15, $"related {related:F3} vs unrelated {other:F3}");
    }

    [Fact]
    public void Vectors_Have384UnitLengthDimensions_AndAreIdenticalAcrossCalls()
    {
        var first = HashingEmbedder.Instance.Embed("Same text, same vector #always");
        var second = new HashingEmbedder().Embed("Same text, same vector #always");

        Assert.Equal(384, first.Length);
        Assert.Equal(1.0, Math.Sqrt(first.Sum(v => (double)v * v)), 4);
        Assert.Equal(first, second);
    }

    [Fact]
    public void KnownText_HasAFixedVector()
    {
        // Pins the projection: vectors indexed yesterday must match queries embedded today, on any machine.
        var vector = HashingEmbedder.Instance.Embed("hello world");

        Assert.Equal(HashingEmbedder.Instance.Embed("Hello   World"), vector);
        Assert.Equal(68, vector.Count(v => v != 0));
        Assert.Equal(PinnedSum, Math.Round(vector.Select((v, i) => v * (i + 1)).Sum(), 3));
    }

    [Fact]
    public void EmptyText_StillGivesAUnitVector()
    {
        var vector = HashingEmbedder.Instance.Embed("");

        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 4);
    }
}
