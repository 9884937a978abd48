using Etl.Schemas.Naming;
using Etl.Stack.Tests.Repository;
using Xunit;

namespace Etl.Stack.Tests.Elasticsearch;

public sealed class IndexTemplateCatalogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("etl-templates-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Nested_objects_and_multi_fields_become_dotted_paths()
    {
        Write("a.json", """{"index_patterns":["a-*"],"template":{"mappings":{"properties":{"user":{"properties":{"name":{"type":"text","fields":{"keyword":{"type":"keyword"}}}}}}}}}""");

        var template = IndexTemplateCatalog.Load(_directory).ForIndex("a-1")!;

        Assert.Equal("object", template.Fields["user"]);
        Assert.Equal("text", template.Fields["user.name"]);
        Assert.Equal("keyword", template.Fields["user.name.keyword"]);
    }

    [Fact]
    public void The_matching_template_with_the_highest_priority_wins_alone()
    {
        Write("broad.json", """{"index_patterns":["t-*"],"priority":100,"template":{"mappings":{"properties":{"x":{"type":"long"}}}}}""");
        Write("narrow.json", """{"index_patterns":["t-special"],"priority":200,"template":{"mappings":{"properties":{"y":{"type":"long"}}}}}""");

        var catalog = IndexTemplateCatalog.Load(_directory);

        Assert.Equal("narrow.json", catalog.ForIndex("t-special")!.File);
        Assert.False(catalog.ForIndex("t-special")!.Fields.ContainsKey("x"));
        Assert.Equal("broad.json", catalog.ForIndex("t-other")!.File);
        Assert.Null(catalog.ForIndex("u-1"));
    }

    [Fact]
    public void Component_templates_named_in_composed_of_contribute_their_fields()
    {
        Write("common.component-template.json", """{"template":{"mappings":{"properties":{"at":{"type":"date"}}}}}""");
        Write("i.json", """{"index_patterns":["i-*"],"composed_of":["common"],"template":{"mappings":{"properties":{"n":{"type":"long"}}}}}""");

        var fields = IndexTemplateCatalog.Load(_directory).ForIndex("i-1")!.Fields;

        Assert.Equal("date", fields["at"]);
        Assert.Equal("long", fields["n"]);
    }

    [Fact]
    public void A_folder_without_index_templates_fails_with_a_message_saying_what_to_merge()
    {
        var ex = Assert.Throws<InvalidDataException>(() => IndexTemplateCatalog.Load(_directory));

        Assert.Contains("merge the Etl.Schemas index templates", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dead_letter_index_gets_its_own_template_not_the_tweets_one()
    {
        var template = StackFiles.Templates.ForIndex(IndexNames.DeadLetters)!;

        Assert.Equal("tweets-deadletters.index-template.json", template.File);
        Assert.Equal("date", template.Fields["failed_at"]);
        Assert.Equal("keyword", template.Fields["stage"]);
        Assert.Equal("keyword", template.Fields["error_type"]);
        Assert.Equal("text", template.Fields["error_message"]);
        Assert.Equal("keyword", template.Fields["source_topic"]);
        Assert.Equal("integer", template.Fields["source_partition"]);
        Assert.Equal("long", template.Fields["source_offset"]);
        Assert.Equal("integer", template.Fields["es_status"]);
        Assert.Equal("text", template.Fields["es_reason"]);
        Assert.True(template.Priority > StackFiles.Templates.ForIndex(IndexNames.TweetsIndexFor(DateTimeOffset.UnixEpoch))!.Priority);
    }

    private void Write(string name, string json) => File.WriteAllText(Path.Combine(_directory, name), json);
}
