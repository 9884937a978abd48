using System.Text.Json;
using Etl.Schemas.Documents;

namespace Etl.Schemas.Tests.Documents;

public sealed class EmbeddingJsonConverterTests
{
    private static TweetDocument With(float[] embedding) => new()
    {
        Id = "1",
        CreatedAt = DateTimeOffset.UnixEpoch,
        IngestedAt = DateTimeOffset.UnixEpoch,
        Text = "t",
        Embedding = embedding,
    };

    [Fact]
    public void Components_round_trip_within_a_millionth()
    {
        var random = new Random(3);
        var vector = Enumerable.Range(0, TweetDocument.EmbeddingDimensions).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        vector[0] = 0f;
        vector[1] = -0.5f;
        vector[2] = 0.000123f;
        vector[3] = 0.9999999f;

        var json = JsonSerializer.Serialize(With(vector));
        var back = JsonSerializer.Deserialize<TweetDocument>(json)!.Embedding!;

        Assert.Equal(vector.Length, back.Length);
        for (var i = 0; i < vector.Length; i++)
        {
            Assert.InRange(back[i] - vector[i], -1e-6f, 1e-6f);
        }

        Assert.Contains("\"embedding\":[0,-0.5,0.000123,1,", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Components_outside_the_unit_range_keep_full_precision()
    {
        var json = JsonSerializer.Serialize(With([1.5f, -2.25f, 123456.7f]));
        Assert.Equal([1.5f, -2.25f, 123456.7f], JsonSerializer.Deserialize<TweetDocument>(json)!.Embedding!);
    }

    [Fact]
    public void A_non_finite_component_is_refused_with_its_value()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Serialize(With([0.1f, float.NaN])));
        Assert.Contains("NaN", ex.Message);
    }
}
