using System.Text.Json;
using Etl.Elastic.Bulk;
using Etl.Elastic.Transport;
using Etl.Testing.Reference;
using Xunit;

namespace Etl.Elastic.Tests.Bulk;

/// <summary>Parses the reference <c>_bulk</c> bodies (real, spec and clearly-marked synthetic examples).</summary>
public sealed class BulkResponseTests
{
    private static JsonElement Load(string file)
    {
        using var document = JsonDocument.Parse(ReferenceData.ReadText("elasticsearch_responses/bulk/" + file));
        return document.RootElement.Clone();
    }

    [SkippableTheory]
    [InlineData("SYNTHETIC_bulk_partial_failure_429_400_es8.0-8.7.json", "mapper_parsing_exception")]
    [InlineData("SYNTHETIC_bulk_partial_failure_429_400_es8.8plus.json", "document_parsing_exception")]
    public void Mixed_429_and_400_items_split_into_retryable_and_permanent(string file, string parsingType)
    {
        var response = BulkResponse.Parse(Load(file));

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
    public void All_success_example_includes_a_not_found_delete_which_is_not_a_failure()
    {
        var response = BulkResponse.Parse(Load("spec_BulkResponseExample1_all_success.json"));

        Assert.False(response.Errors);
        Assert.Equal(["index", "delete", "create", "update"], response.Items.Select(i => i.Action));
        Assert.Equal([201, 404, 201, 200], response.Items.Select(i => i.Status!.Value));
        Assert.All(response.Items, i => Assert.Equal(BulkItemOutcome.Succeeded, i.Outcome));
        Assert.Equal("not_found", response.Items[1].Result);
    }

    [SkippableFact]
    public void Document_missing_404_on_update_is_permanent()
    {
        var response = BulkResponse.Parse(Load("spec_BulkResponseExample2_partial_failure_404.json"));

        Assert.True(response.Errors);
        Assert.Equal([BulkItemOutcome.Permanent, BulkItemOutcome.Permanent, BulkItemOutcome.Succeeded], response.Items.Select(i => i.Outcome));
        Assert.Equal("document_missing_exception", response.Items[0].Error!.Type);
        Assert.Equal("[5]: document missing", response.Items[0].Error!.Reason);
    }

    [SkippableFact]
    public void Filter_path_errors_only_body_still_yields_classified_items()
    {
        var response = BulkResponse.Parse(Load("spec_BulkResponseExample3_filter_path_errors_only.json"));

        Assert.Equal(2, response.Items.Count);
        Assert.True(response.Errors);
        Assert.All(response.Items, i =>
        {
            Assert.Null(i.Status);
            Assert.Equal(BulkItemOutcome.Permanent, i.Outcome);
        });
    }

    [SkippableFact]
    public void Whole_request_429_body_is_not_mistaken_for_a_bulk_response()
    {
        var root = Load("real_8x_bulk_whole_request_429_indexing_pressure.json");

        var ex = Assert.Throws<InvalidDataException>(() => BulkResponse.Parse(root));
        Assert.Contains("'items'", ex.Message);
        var error = ElasticsearchError.Parse(root.GetProperty("error"))!;
        Assert.Equal("es_rejected_execution_exception", error.Type);
    }

    [Fact]
    public void Filtered_rejection_without_status_is_retryable_by_error_type()
    {
        Assert.Equal(BulkItemOutcome.Retryable, BulkItemResult.Classify(null, new ElasticsearchError("es_rejected_execution_exception", "full", null)));
        Assert.Equal(BulkItemOutcome.Permanent, BulkItemResult.Classify(409, new ElasticsearchError("version_conflict_engine_exception", "exists", null)));
        Assert.Equal(BulkItemOutcome.Retryable, BulkItemResult.Classify(503, new ElasticsearchError("unavailable_shards_exception", "primary not active", null)));
    }
}
