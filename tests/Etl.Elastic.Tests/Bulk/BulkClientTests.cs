using System.Text.Json;
using Etl.Elastic.Bulk;
using Etl.Elastic.Serialization;
using Etl.Elastic.Transport;
using Etl.Schemas.Documents;
using Etl.Schemas.Naming;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Reference;
using Xunit;

namespace Etl.Elastic.Tests.Bulk;

public sealed class BulkClientTests
{
    private static BulkOperation<TweetDocument> IndexTweet(TweetDocument tweet) =>
        BulkOperation.IndexDocument(IndexNames.TweetsIndexFor(tweet.CreatedAt), tweet.Id, tweet, DocumentJsonContext.Default.TweetDocument);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Bulk_body_is_action_line_then_source_line_each_newline_terminated(bool gzip)
    {
        await using var es = await ElasticsearchStub.StartAsync();
        using var client = StubClient.For(es, o => o.Gzip = gzip);
        var first = SampleTweets.Full("1");
        var second = SampleTweets.Full("2") with { Geo = null, Embedding = null, User = null };

        var response = await client.Bulk.SendAsync([IndexTweet(first), IndexTweet(second), BulkOperation.DeleteDocument("tweets-2024.10", "3")]);

        var request = Assert.Single(es.RequestsTo("POST", "/_bulk"));
        Assert.Equal(gzip, request.IsGzipped);
        Assert.StartsWith("application/x-ndjson", request.Header("Content-Type"));
        Assert.StartsWith("application/", request.Header("Accept"));
        Assert.EndsWith("\n", request.BodyText);
        var lines = request.BodyText.Split('\n');
        Assert.Equal(6, lines.Length); // 5 lines + the empty string after the final newline
        Assert.Equal(("index", "tweets-2024.10", "1"), Action(lines[0]));
        Assert.Equal(("index", "tweets-2024.10", "2"), Action(lines[2]));
        Assert.Equal(("delete", "tweets-2024.10", "3"), Action(lines[4]));
        using var source = JsonDocument.Parse(lines[1]);
        Assert.Equal(first.Text, source.RootElement.GetProperty("text").GetString());
        // The vector goes as base64 float32 big-endian, which Elasticsearch 9.3+ accepts: exact, and 2,048 characters for 384 floats.
        var embedding = source.RootElement.GetProperty("embedding");
        Assert.Equal(JsonValueKind.String, embedding.ValueKind);
        var bytes = Convert.FromBase64String(embedding.GetString()!);
        Assert.Equal(first.Embedding!, Enumerable.Range(0, bytes.Length / 4).Select(i => System.Buffers.Binary.BinaryPrimitives.ReadSingleBigEndian(bytes.AsSpan(i * 4))));
        Assert.Equal(first.Geo!.CountryCode, source.RootElement.GetProperty("geo").GetProperty("country_code").GetString());
        Assert.Contains("ünïcödé", lines[1]); // written as UTF-8, not \uXXXX escapes
        Assert.DoesNotContain("\"geo\"", lines[3]);
        if (gzip)
        {
            Assert.True(request.WireLength < request.Body.Length, $"gzip sent {request.WireLength} bytes for {request.Body.Length}");
        }

        Assert.Equal([BulkItemOutcome.Succeeded, BulkItemOutcome.Succeeded, BulkItemOutcome.Succeeded], response.Items.Select(i => i.Outcome));
        Assert.Equal(["1", "2"], es.IndexedIds.Order());
    }

    private static (string Action, string? Index, string? Id) Action(string line)
    {
        using var document = JsonDocument.Parse(line);
        var action = document.RootElement.EnumerateObject().Single();
        return (action.Name, action.Value.GetProperty("_index").GetString(), action.Value.GetProperty("_id").GetString());
    }

    [Fact]
    public async Task Large_bulk_spans_several_buffer_flushes_without_losing_a_line()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        using var client = StubClient.For(es);
        var operations = Enumerable.Range(0, 300).Select(i => IndexTweet(SampleTweets.Full(i.ToString()))).ToList();

        var response = await client.Bulk.SendAsync(operations);

        Assert.Equal(300, response.Items.Count);
        Assert.False(response.Errors);
        Assert.Equal(300, es.IndexedIds.Count);
        Assert.True(es.Requests[0].Body.Length > 3 * 64 * 1024, "the body should be larger than several write buffers");
    }

    [Fact]
    public async Task Per_item_failures_are_classified_and_matched_to_their_operation()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        es.BulkItemRule = item => item.Id switch
        {
            "b" => ItemOutcome.Rejected(),
            "c" => ItemOutcome.DocumentParsing("engagement.like_count", item.Id),
            "d" => ItemOutcome.ServerError(),
            _ => null,
        };
        using var client = StubClient.For(es);

        var response = await client.Bulk.SendAsync([.. new[] { "a", "b", "c", "d" }.Select(id => IndexTweet(SampleTweets.Full(id)))]);

        Assert.True(response.Errors);
        Assert.Equal(["a"], response.Succeeded.Select(i => i.Id));
        Assert.Equal(["b", "d"], response.Retryable.Select(i => i.Id));
        var permanent = Assert.Single(response.Permanent);
        Assert.Equal(2, permanent.Position);
        Assert.Equal("document_parsing_exception", permanent.Error!.Type);
        Assert.Equal("illegal_argument_exception", permanent.Error.CausedBy!.Type);
        Assert.Contains("engagement.like_count", permanent.Error.ToString());
    }

    [Fact]
    public async Task Whole_request_429_throws_a_transient_exception_with_type_and_reason()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        es.FailNextRequests(429, 1);
        using var client = StubClient.For(es);

        var ex = await Assert.ThrowsAsync<ElasticsearchException>(() => client.Bulk.SendAsync([IndexTweet(SampleTweets.Full())]));

        Assert.Equal(429, ex.Status);
        Assert.Equal("es_rejected_execution_exception", ex.ErrorType);
        Assert.Contains("coordinating_and_primary_bytes", ex.Reason);
        Assert.True(ex.IsTransient);
        Assert.Empty(es.IndexedIds);
    }

    [SkippableFact]
    public async Task Real_indexing_pressure_429_body_becomes_the_exception_type_and_reason()
    {
        var body = ReferenceData.ReadText("elasticsearch_responses/bulk/real_8x_bulk_whole_request_429_indexing_pressure.json");
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("POST", "/_bulk", 429, body);
        using var client = StubClient.For(es);

        var ex = await Assert.ThrowsAsync<ElasticsearchException>(() => client.Bulk.SendAsync([IndexTweet(SampleTweets.Full())]));

        Assert.Equal((429, "es_rejected_execution_exception", true), (ex.Status, ex.ErrorType, ex.IsTransient));
        Assert.StartsWith("rejected execution of coordinating operation", ex.Reason);
        Assert.Contains("POST _bulk", ex.Message);
    }

    [Fact]
    public async Task Empty_bulk_is_refused_before_sending()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        using var client = StubClient.For(es);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Bulk.SendAsync([]));

        Assert.Contains("at least one operation", ex.Message);
        Assert.Empty(es.Requests);
    }
}
