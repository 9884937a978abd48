using Etl.Elastic.Aggregations;
using Etl.Elastic.Bulk;
using Etl.Elastic.Indices;
using Etl.Elastic.Search;
using Etl.Elastic.Serialization;
using Etl.Elastic.Transport;
using Etl.Schemas.Documents;
using Etl.Schemas.Naming;
using Etl.Testing.Docker;
using Xunit;

namespace Etl.Elastic.Tests.RealServer;

/// <summary>
/// The whole layer against a real Elasticsearch 9.4 in Docker: setup twice, a bulk batch with base64 vectors, a kNN
/// query with a filter and a terms aggregation. Skips with the reason where no Docker engine is reachable.
/// </summary>
public sealed class RealElasticsearchTests(ElasticsearchContainerFixture server) : IClassFixture<ElasticsearchContainerFixture>
{
    [SkippableFact]
    public async Task Setup_index_a_batch_then_knn_and_aggregation_answer_from_it()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        using var client = new ElasticsearchClient(new ElasticsearchOptions { Url = server.Url!.ToString() });

        var first = await client.Setup.RunAsync();
        var second = await client.Setup.RunAsync();
        Assert.All(first.Changes, c => Assert.Equal(IndexSetupAction.Created, c.Action));
        Assert.False(second.ChangedAnything, second.ToString());

        var tweets = Enumerable.Range(0, 20).Select(Tweet).ToList();
        var response = await client.Bulk.SendAsync([.. tweets.Select(t => (BulkOperation)BulkOperation.IndexDocument(
            IndexNames.TweetsIndexFor(t.CreatedAt), t.Id, t, DocumentJsonContext.Default.TweetDocument))]);
        Assert.All(response.Items, i => Assert.Equal(BulkItemOutcome.Succeeded, i.Outcome));
        await client.Indices.RefreshAsync(IndexNames.TweetsAlias);

        var target = tweets[7].Embedding!;
        var knn = await client.Search.SearchAsync(IndexNames.TweetsAlias, new SearchRequest
        {
            Knn = new KnnQuery("embedding", target, K: 3, NumCandidates: 20) { Filter = Queries.Term("lang", "en") },
            Size = 3,
            SourceIncludes = ["id", "embedding"],
        }, DocumentJsonContext.Default.TweetDocument);
        Assert.Equal(tweets[7].Id, knn.Hits[0].Id);
        Assert.Equal(target, knn.Hits[0].Source!.Embedding);

        var top = await client.Search.SearchAsync(IndexNames.TweetsAlias, new SearchRequest
        {
            Size = 0,
            Source = false,
            Aggregations = new Dictionary<string, Aggregation>(StringComparer.Ordinal) { ["top"] = new TermsAggregation("hashtags", 5) },
        }, ElasticJsonNodeContext.Default.JsonNode);
        var buckets = top.Aggregations.Terms("top");
        Assert.Equal([("all", 20L), ("even", 10L)], buckets.Select(b => (b.Key, b.DocCount)));
    }

    private static TweetDocument Tweet(int i)
    {
        var random = new Random(i);
        var vector = Enumerable.Range(0, TweetDocument.EmbeddingDimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return SampleTweets.Full((1850000000000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)) with
        {
            Hashtags = i % 2 == 0 ? ["even", "all"] : ["all"],
            Embedding = [.. vector.Select(v => v / norm)],
        };
    }
}
