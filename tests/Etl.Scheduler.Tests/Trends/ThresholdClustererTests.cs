using Etl.Scheduler.Trends;

namespace Etl.Scheduler.Tests.Trends;

public sealed class ThresholdClustererTests
{
    [Fact]
    public void Cluster_TwoTightGroupsAndAnOutlier_FindsTheGroupsAndLeavesTheOutlierAlone()
    {
        var random = new Random(5);
        var a = Direction(random);
        var b = Direction(random);
        var vectors = new List<float[]>();
        for (var i = 0; i < 30; i++)
        {
            vectors.Add(Noisy(i % 2 == 0 ? a : b, random, 0.3f));
        }

        vectors.Add(Direction(random));

        var clusters = ThresholdClusterer.Cluster(vectors, joinSimilarity: 0.6, mergeSimilarity: 0.8);

        Assert.Equal([15, 15, 1], clusters.Select(c => c.Members.Count));
        Assert.All(clusters[0].Members, i => Assert.Equal(clusters[0].Members[0] % 2, i % 2));
        Assert.Equal([30], clusters[2].Members);
    }

    [Fact]
    public void Cluster_NoVectors_ReturnsNoClusters() => Assert.Empty(ThresholdClusterer.Cluster([], 0.5, 0.7));

    private static float[] Direction(Random random) =>
        VectorMath.Normalized([.. Enumerable.Range(0, 64).Select(_ => (float)((random.NextDouble() * 2) - 1))]);

    private static float[] Noisy(float[] direction, Random random, float noise) =>
        VectorMath.Normalized([.. direction.Select(v => v + (noise * (float)((random.NextDouble() * 2) - 1) / 8))]);
}
