using Etl.Elastic;
using Etl.Elastic.Transport;
using Etl.Schemas.Documents;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Reference;
using Etl.Worker.Indexing;

namespace Etl.Worker.Tests.Indexing;

public sealed class AnswerClassifierTests
{
    [Theory]
    [InlineData(201, null, Verdict.Done)]
    [InlineData(200, null, Verdict.Done)]
    [InlineData(404, null, Verdict.Done)]
    [InlineData(429, "es_rejected_execution_exception", Verdict.Retry)]
    [InlineData(503, "unavailable_shards_exception", Verdict.Retry)]
    [InlineData(500, "exception", Verdict.Retry)]
    [InlineData(400, "document_parsing_exception", Verdict.DeadLetter)]
    [InlineData(400, "mapper_parsing_exception", Verdict.DeadLetter)]
    [InlineData(409, "version_conflict_engine_exception", Verdict.DeadLetter)]
    [InlineData(404, "document_missing_exception", Verdict.DeadLetter)]
    [InlineData(null, "es_rejected_execution_exception", Verdict.Retry)]
    [InlineData(null, "document_missing_exception", Verdict.DeadLetter)]
    [InlineData(null, null, Verdict.Done)]
    public void Bulk_items(int? status, string? errorType, Verdict expected) =>
        Assert.Equal(expected, AnswerClassifier.Classify(Answer.Item(status, errorType)));

    [Theory]
    [InlineData(401, Verdict.Pause)]
    [InlineData(403, Verdict.Pause)]
    [InlineData(404, Verdict.Pause)]
    [InlineData(413, Verdict.Split)]
    [InlineData(400, Verdict.Bisect)]
    [InlineData(422, Verdict.Bisect)]
    [InlineData(408, Verdict.Retry)]
    [InlineData(429, Verdict.Retry)]
    [InlineData(500, Verdict.Retry)]
    [InlineData(502, Verdict.Retry)]
    [InlineData(503, Verdict.Retry)]
    public void Whole_bulk_requests(int status, Verdict expected) =>
        Assert.Equal(expected, AnswerClassifier.Classify(Answer.Request(status)));

    [Theory]
    [InlineData(AnswerSource.ElasticsearchRequest, AnswerTransport.Unreachable, Verdict.Pause)]
    [InlineData(AnswerSource.ElasticsearchRequest, AnswerTransport.TimedOut, Verdict.Retry)]
    [InlineData(AnswerSource.ElasticsearchRequest, AnswerTransport.Unparseable, Verdict.Retry)]
    [InlineData(AnswerSource.SchemaRegistry, AnswerTransport.Unreachable, Verdict.Pause)]
    [InlineData(AnswerSource.SchemaRegistry, AnswerTransport.TimedOut, Verdict.Retry)]
    [InlineData(AnswerSource.Enricher, AnswerTransport.Unreachable, Verdict.Pause)]
    public void Answers_that_never_arrived_or_cannot_be_read(AnswerSource source, AnswerTransport transport, Verdict expected) =>
        Assert.Equal(expected, AnswerClassifier.Classify(new Answer(source, transport)));

    [Theory]
    [InlineData(500, Verdict.Retry)]
    [InlineData(401, Verdict.Pause)]
    [InlineData(404, Verdict.DeadLetter)]
    [InlineData(422, Verdict.DeadLetter)]
    public void Schema_registry(int status, Verdict expected) =>
        Assert.Equal(expected, AnswerClassifier.Classify(new Answer(AnswerSource.SchemaRegistry, AnswerTransport.Answered, status)));

    [Theory]
    [InlineData(Confluent.Kafka.ErrorCode.MsgSizeTooLarge, Verdict.Truncate)]
    [InlineData(Confluent.Kafka.ErrorCode.TopicAuthorizationFailed, Verdict.Pause)]
    [InlineData(Confluent.Kafka.ErrorCode.Local_MsgTimedOut, Verdict.Retry)]
    [InlineData(Confluent.Kafka.ErrorCode.NotEnoughReplicas, Verdict.Retry)]
    [InlineData(Confluent.Kafka.ErrorCode.Local_QueueFull, Verdict.Retry)]
    public void Dead_letter_producer(Confluent.Kafka.ErrorCode code, Verdict expected) =>
        Assert.Equal(expected, AnswerClassifier.Classify(new Answer(AnswerSource.DeadLetterProducer, AnswerTransport.Answered, (int)code, code.ToString())));

    [SkippableTheory]
    [InlineData("SYNTHETIC_bulk_partial_failure_429_400_es8.0-8.7.json", new[] { Verdict.Done, Verdict.Retry, Verdict.DeadLetter, Verdict.Done })]
    [InlineData("SYNTHETIC_bulk_partial_failure_429_400_es8.8plus.json", new[] { Verdict.Done, Verdict.Retry, Verdict.DeadLetter, Verdict.Done })]
    [InlineData("spec_BulkResponseExample1_all_success.json", new[] { Verdict.Done, Verdict.Done, Verdict.Done, Verdict.Done })]
    [InlineData("spec_BulkResponseExample2_partial_failure_404.json", new[] { Verdict.DeadLetter, Verdict.DeadLetter, Verdict.Done })]
    public async Task Real_bulk_bodies_read_by_the_sink_classify_item_by_item(string file, Verdict[] expected)
    {
        var body = ReferenceData.File("elasticsearch_responses/bulk/" + file);
        Skip.If(body is null, ReferenceData.MissingMessage);
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("POST", "/_bulk", 200, await File.ReadAllTextAsync(body));

        var results = await Sink(es).WriteAsync(Actions(expected.Length), CancellationToken.None);

        Assert.Equal(expected, results.Select(r => AnswerClassifier.Classify(r.ToAnswer())));
    }

    [SkippableFact]
    public async Task Filtered_bulk_bodies_without_statuses_classify_by_error_type()
    {
        var body = ReferenceData.File("elasticsearch_responses/bulk/spec_BulkResponseExample3_filter_path_errors_only.json");
        Skip.If(body is null, ReferenceData.MissingMessage);
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("POST", "/_bulk", 200, await File.ReadAllTextAsync(body));

        var results = await Sink(es).WriteAsync(Actions(2), CancellationToken.None);

        Assert.All(results, r => Assert.Equal(Verdict.DeadLetter, AnswerClassifier.Classify(r.ToAnswer())));
    }

    [SkippableFact]
    public async Task A_real_whole_request_429_is_retried()
    {
        var body = ReferenceData.File("elasticsearch_responses/bulk/real_8x_bulk_whole_request_429_indexing_pressure.json");
        Skip.If(body is null, ReferenceData.MissingMessage);
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("POST", "/_bulk", 429, await File.ReadAllTextAsync(body));

        var error = await Assert.ThrowsAsync<SinkRequestException>(() => Sink(es).WriteAsync(Actions(2), CancellationToken.None));

        Assert.Equal(429, error.Answer.Status);
        Assert.Equal("es_rejected_execution_exception", error.Answer.ErrorType);
        Assert.Equal(Verdict.Retry, AnswerClassifier.Classify(error.Answer));
    }

    [Theory]
    [InlineData(200, "{}", Verdict.Retry)]
    [InlineData(200, """{"took":3,"errors":false,"items":[{"index":{"_index":"tweets-2024.05","_id":"1","_ver""", Verdict.Retry)]
    [InlineData(200, "<html><body>502 Bad Gateway</body></html>", Verdict.Retry)]
    [InlineData(401, """{"error":{"root_cause":[{"type":"security_exception","reason":"missing authentication credentials for REST request [/_bulk]"}],"type":"security_exception","reason":"missing authentication credentials for REST request [/_bulk]"},"status":401}""", Verdict.Pause)]
    [InlineData(413, "", Verdict.Split)]
    [InlineData(400, """{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"[1:2] Unexpected character"}],"type":"x_content_parse_exception","reason":"[1:2] Unexpected character"},"status":400}""", Verdict.Bisect)]
    public async Task Whole_request_answers_read_by_the_sink(int status, string body, Verdict expected)
    {
        await using var es = await ElasticsearchStub.StartAsync();
        es.Enqueue("POST", "/_bulk", status, body);

        var error = await Assert.ThrowsAsync<SinkRequestException>(() => Sink(es).WriteAsync(Actions(1), CancellationToken.None));

        Assert.Equal(expected, AnswerClassifier.Classify(error.Answer));
    }

    [Fact]
    public async Task A_refused_connection_pauses()
    {
        await using var es = await ElasticsearchStub.StartAsync();
        var sink = Sink(es);
        await es.SetDownAsync(true);

        var error = await Assert.ThrowsAsync<SinkRequestException>(() => sink.WriteAsync(Actions(1), CancellationToken.None));

        Assert.Equal(AnswerTransport.Unreachable, error.Answer.Transport);
        Assert.Equal(Verdict.Pause, AnswerClassifier.Classify(error.Answer));
    }

    private static ElasticsearchDocumentSink Sink(ElasticsearchStub es) =>
        new(new ElasticsearchClient(new ElasticsearchOptions { Url = es.Url.ToString(), RequestTimeout = TimeSpan.FromSeconds(5) }));

    private static List<IndexAction> Actions(int count) => [.. Enumerable.Range(1, count).Select(i => new IndexAction(
        "tweets-2024.05", i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        new TweetDocument { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), CreatedAt = DateTimeOffset.UnixEpoch, IngestedAt = DateTimeOffset.UnixEpoch, Text = "t" }))];
}
