using Etl.Schemas.Naming;
using Etl.Stack.Tests.Elasticsearch;
using Etl.Stack.Tests.Repository;
using Xunit;

namespace Etl.Stack.Tests.Kibana;

public sealed class FieldDriftTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("etl-drift-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Every_field_a_saved_object_uses_is_mapped_with_a_type_that_suits_its_use()
    {
        var problems = FieldDriftChecker.Check(StackFiles.SavedObjects, StackFiles.Templates);

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Data_views_cover_the_indices_the_pipeline_writes()
    {
        var titles = StackFiles.SavedObjects.Where(o => o.Type == "index-pattern").Select(o => o.Title).ToHashSet();

        Assert.Contains(IndexNames.TweetsAlias, titles);
        Assert.Contains(IndexNames.RollupPrefix + "*", titles);
        Assert.Contains(IndexNames.Trends, titles);
        Assert.Contains(IndexNames.DeadLetters, titles);
    }

    [Fact]
    public void Averaging_a_keyword_field_is_reported()
    {
        var problems = FieldDriftChecker.Check(WithOneColumn("average", "sentiment.label"), SmallCatalog());

        var problem = Assert.Single(problems);
        Assert.Contains("'sentiment.label' is 'keyword'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_missing_from_the_template_is_reported()
    {
        var problems = FieldDriftChecker.Check(WithOneColumn("terms", "sentiment_label"), SmallCatalog());

        var problem = Assert.Single(problems);
        Assert.Contains("'sentiment_label' is not mapped", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Terms_on_analysed_text_are_reported_but_its_keyword_subfield_is_fine()
    {
        Assert.Single(FieldDriftChecker.Check(WithOneColumn("terms", "text"), SmallCatalog()));
        Assert.Empty(FieldDriftChecker.Check(WithOneColumn("terms", "text.keyword"), SmallCatalog()));
    }

    [Fact]
    public void KQL_field_names_are_found_outside_quoted_values()
    {
        var fields = FieldUseExtractor.KqlFields("""interval : "1h" and not geo.source:"profile" or text: "see http://x.y" """).ToList();

        Assert.Equal(["interval", "geo.source", "text"], fields);
    }

    /// <summary>A tweets template of three fields, so these checks of the checker do not depend on the real mapping.</summary>
    private IndexTemplateCatalog SmallCatalog()
    {
        File.WriteAllText(
            Path.Combine(_directory, "tweets.json"),
            """{"index_patterns":["tweets-*"],"template":{"mappings":{"properties":{"created_at":{"type":"date"},"text":{"type":"text","fields":{"keyword":{"type":"keyword"}}},"sentiment":{"properties":{"label":{"type":"keyword"}}}}}}}""");
        return IndexTemplateCatalog.Load(_directory);
    }

    /// <summary>The tweets data view plus one Lens object with a single column over <paramref name="field"/>.</summary>
    private static List<SavedObject> WithOneColumn(string operation, string field)
    {
        var dataView = SavedObjectFile.Parse(
            """{"type":"index-pattern","id":"dv","attributes":{"title":"tweets","timeFieldName":"created_at"},"references":[]}""", 1, "test");
        var column = $$"""{"operationType":"{{operation}}","sourceField":"{{field}}"}""";
        var lens = SavedObjectFile.Parse(
            """{"type":"lens","id":"l","attributes":{"title":"L","state":{"visualization":{},"datasourceStates":{"formBased":{"layers":{"a":{"columns":{"c":"""
            + column
            + """},"columnOrder":["c"]}}}}}},"references":[{"name":"indexpattern-datasource-layer-a","type":"index-pattern","id":"dv"}]}""",
            2,
            "test");
        return [dataView, lens];
    }
}
