using Etl.Elastic.Bulk;
using Etl.Elastic.Transport;
using Etl.Schemas.Documents;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Reference;
using Xunit;

namespace Etl.Elastic.Tests.Bulk;

/// <summary>
/// The reference <c>_bulk</c> bodies (real, spec and clearly-marked synthetic examples), answered by the stub and read
/// by the official client item by item, then classified by our one rule.
/// </summary>
public sealed class BulkResponseTests
{
    private static async Task<BulkResponse> AnswerAsync(string file, int operations, int status = 200)
    {
        var body = ReferenceData.ReadText("elasticsearch_responses/bulk/" + file);
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("POST", "/_bulk", status, body);
        using var client = StubClient.For(es);
        var batch = Enumerable.Range(1, operations)
            .Select(i => (BulkOperation)BulkOperation.IndexRaw("tweets-2024.10", i.ToString(System.Globalization.CultureInfo.InvariantCulture), """{"text":"x"}"""u8.ToArray()))
            .ToList();
        return await client.Bulk.SendAsync(batch);
    }

    [SkippableTheory]
    [InlineData("SYNTHETIC_bulk_partial_failure_429_400_es8.0-8.7.json", "mapper_parsing_exception")]
    [InlineData("SYNTHETIC_bulk_partial_failure_429_400_es8.8plus.json", "document_parsing_exception")]
    public async Task Mixed_429_and_400_items_split_into_retryable_and_permanent(string file, string parsingType)
    {
        var response = await AnswerAsync(file, 4);

        Assert.True(response.Errors);
        Assert.Equal(30, response.Took);
        Assert.Equal(["index", "index", "index", "create"], response.Items.Select(i => i.Action));
        Assert.Equal(
            [BulkItemOutcome.Succeeded, BulkItemOutcome.Retryable, BulkItemOutcome.Permanent, BulkItemOutcome.Succeeded],
            response.Items.Select(i => i.Outcome));
        var rejected = response.Items[1];
        Assert.Equal(("2", 429, "es_rejected_execution_exception"), (rejected.Id, rejected.Status, rejected.Error!.Type));
        var parsing = response.Items[2];
        Assert.Equal(parsingType, parsing.Error!.Type);
        Assert.Contains("retweet_count", parsing.Error.Reason);
        Assert.Equal(new ElasticsearchError("illegal_argument_exception", "For input string: \"abc\"", null), parsing.Error.CausedBy);
        Assert.Equal((1L, 0L, 1L), (response.Items[0].Version!.Value, response.Items[0].SequenceNumber!.Value, response.Items[0].PrimaryTerm!.Value));
    }

    [SkippableFact]
    public async Task All_success_example_includes_a_not_found_delete_which_is_not_a_failure()
    {
        var response = await AnswerAsync("spec_BulkResponseExample1_all_success.json", 4);

        Assert.False(response.Errors);
        Assert.Equal(["index", "delete", "create", "update"], response.Items.Select(i => i.Action));
        Assert.Equal([201, 404, 201, 200], response.Items.Select(i => i.Status!.Value));
        Assert.All(response.Items, i => Assert.Equal(BulkItemOutcome.Succeeded, i.Outcome));
        Assert.Equal("not_found", response.Items[1].Result);
    }

    [SkippableFact]
    public async Task Document_missing_404_on_update_is_permanent()
    {
        var response = await AnswerAsync("spec_BulkResponseExample2_partial_failure_404.json", 3);

        Assert.True(response.Errors);
        Assert.Equal([BulkItemOutcome.Permanent, BulkItemOutcome.Permanent, BulkItemOutcome.Succeeded], response.Items.Select(i => i.Outcome));
        Assert.Equal("document_missing_exception", response.Items[0].Error!.Type);
        Assert.Equal("[5]: document missing", response.Items[0].Error!.Reason);
    }

    [SkippableFact]
    public async Task Filter_path_errors_only_body_still_yields_classified_items()
    {
        var response = await AnswerAsync("spec_BulkResponseExample3_filter_path_errors_only.json", 2);

        Assert.Equal(2, response.Items.Count);
        Assert.All(response.Items, i =>
        {
            Assert.Null(i.Status);
            Assert.Equal(BulkItemOutcome.Permanent, i.Outcome);
        });
    }

    [SkippableFact]
    public async Task Whole_request_429_body_is_a_transient_failure_not_a_bulk_response()
    {
        var ex = await Assert.ThrowsAsync<ElasticsearchException>(() => AnswerAsync("real_8x_bulk_whole_request_429_indexing_pressure.json", 1, status: 429));

        Assert.Equal((429, "es_rejected_execution_exception", true), (ex.Status, ex.ErrorType, ex.IsTransient));
    }

    [Fact]
    public void Filtered_rejection_without_status_is_retryable_by_error_type()
    {
        Assert.Equal(BulkItemOutcome.Retryable, BulkItemResult.Classify(null, new ElasticsearchError("es_rejected_execution_exception", "full", null)));
        Assert.Equal(BulkItemOutcome.Permanent, BulkItemResult.Classify(409, new ElasticsearchError("version_conflict_engine_exception", "exists", null)));
        Assert.Equal(BulkItemOutcome.Retryable, BulkItemResult.Classify(503, new ElasticsearchError("unavailable_shards_exception", "primary not active", null)));
    }

    [Theory]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(413, false)]
    [InlineData(429, true)]
    [InlineData(503, true)]
    public async Task Whole_request_failures_throw_with_status_and_whether_to_retry(int status, bool transient)
    {
        await using var es = await ElasticsearchStub.StartAsync();
        es.FailNextRequests(status, 1);
        using var client = StubClient.For(es);

        var ex = await Assert.ThrowsAsync<ElasticsearchException>(() => client.Bulk.SendAsync([Tweet()]));

        Assert.Equal((status, transient), (ex.Status, ex.IsTransient));
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }

    public static TheoryData<string> Unreadable => new() { "html", "empty object", "truncated", "not elasticsearch" };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task An_answer_that_is_not_a_bulk_response_is_a_transient_failure_never_a_success(string kind)
    {
        await using var es = await ElasticsearchStub.StartAsync();
        es.FailNext(kind switch
        {
            "html" => StubFault.NotJson(200),
            "empty object" => StubFault.EmptyObject(),
            "truncated" => StubFault.Truncated(),
            _ => StubFault.EmptyObject() with { FromElasticsearch = false },
        });
        using var client = StubClient.For(es);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => client.Bulk.SendAsync([Tweet()]));

        var failure = Assert.IsType<ElasticsearchException>(ex);
        Assert.True(failure.IsTransient, failure.Message);
    }

    [Fact]
    public async Task A_stalled_request_ends_at_the_request_timeout_as_a_transient_failure()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        es.FailNext(StubFault.Stall());
        using var client = StubClient.For(es, o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));

        var ex = await Assert.ThrowsAsync<ElasticsearchException>(() => client.Bulk.SendAsync([Tweet()]));

        Assert.True(ex.IsTransient);
        Assert.Null(ex.Status);
        Assert.True(ex.Message.Contains("RequestTimeout", StringComparison.Ordinal), ex.Message);
    }

    private static BulkOperation<TweetDocument> Tweet() =>
        BulkOperation.IndexDocument("tweets-2024.10", "1", SampleTweets.Full(), Etl.Elastic.Serialization.DocumentJsonContext.Default.TweetDocument);
}
