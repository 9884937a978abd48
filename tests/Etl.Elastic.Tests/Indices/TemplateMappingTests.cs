using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.Elastic.Serialization;
using Etl.Schemas.Documents;
using Etl.Schemas.Elasticsearch;
using Etl.Schemas.Naming;
using Xunit;

namespace Etl.Elastic.Tests.Indices;

public sealed class TemplateMappingTests
{
    private static JsonObject Mapping() =>
        JsonNode.Parse(ElasticsearchTemplates.TweetsMappings.ReadJson())!["template"]!["mappings"]!.AsObject();

    [Fact]
    public void Every_embedded_body_is_a_json_object()
    {
        foreach (var resource in ElasticsearchTemplates.All)
        {
            var node = JsonNode.Parse(resource.ReadJson());
            Assert.True(node is JsonObject, $"{resource.ResourceName} is not a JSON object");
        }
    }

    [Fact]
    public void Every_field_of_a_fully_populated_tweet_has_a_mapping()
    {
        var json = JsonSerializer.SerializeToElement(SampleTweets.Full(), DocumentJsonContext.Default.TweetDocument);
        var mapping = Mapping();
        var leaves = new List<string>();
        CollectLeaves(json, "", mapping["properties"]!.AsObject(), leaves);

        Assert.Equal("strict", mapping["dynamic"]!.GetValue<string>());
        Assert.Contains("engagement.total", leaves);
        Assert.Contains("geo.location", leaves);
        Assert.Contains("urls.domain", leaves);
        Assert.Contains("user.created_at", leaves);
        Assert.True(leaves.Count >= 45, $"only {leaves.Count} leaf paths walked: {string.Join(", ", leaves)}");
    }

    [Fact]
    public void Mapping_has_no_field_the_document_lacks()
    {
        var json = JsonSerializer.SerializeToElement(SampleTweets.Full(), DocumentJsonContext.Default.TweetDocument);
        var mapped = new List<string>();
        CollectMapped(Mapping()["properties"]!.AsObject(), "", mapped);
        var present = new List<string>();
        CollectLeaves(json, "", Mapping()["properties"]!.AsObject(), present);

        Assert.Empty(mapped.Except(present));
    }

    [Fact]
    public void Key_field_types_match_what_search_and_dashboards_need()
    {
        var properties = Mapping()["properties"]!;

        var embedding = properties["embedding"]!;
        Assert.Equal(("dense_vector", TweetDocument.EmbeddingDimensions, "cosine", true),
            (embedding["type"]!.GetValue<string>(), embedding["dims"]!.GetValue<int>(), embedding["similarity"]!.GetValue<string>(), embedding["index"]!.GetValue<bool>()));
        Assert.Equal("geo_point", properties["geo"]!["properties"]!["location"]!["type"]!.GetValue<string>());
        Assert.Equal("english", properties["text"]!["analyzer"]!.GetValue<string>());
        Assert.Equal("keyword", properties["text"]!["fields"]!["keyword"]!["type"]!.GetValue<string>());
        foreach (var field in new[] { "hashtags", "mentions", "cashtags" })
        {
            Assert.Equal("lowercase_normalizer", properties[field]!["normalizer"]!.GetValue<string>());
        }

        var settings = JsonNode.Parse(ElasticsearchTemplates.TweetsSettings.ReadJson())!["template"]!["settings"]!["index"]!;
        Assert.NotNull(settings["analysis"]!["normalizer"]!["lowercase_normalizer"]);
        Assert.Equal(IndexNames.TweetsLifecyclePolicy, settings["lifecycle"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("tweets-2024.10", IndexNames.TweetsIndexTemplate)]
    [InlineData("tweets-rollup-1h", IndexNames.RollupIndexTemplate)]
    [InlineData("tweets-rollup-2024.10", IndexNames.RollupIndexTemplate)]
    [InlineData("tweets-trends", IndexNames.TrendsIndexTemplate)]
    public void Highest_priority_matching_template_is_the_intended_one(string index, string expected)
    {
        // Elasticsearch applies only the matching index template with the highest priority; equal priorities on overlap are refused.
        var candidates = ElasticsearchTemplates.All
            .Where(r => r.Kind == TemplateKind.IndexTemplate)
            .Select(r => (r.Name, Body: JsonNode.Parse(r.ReadJson())!))
            .Where(t => t.Body["index_patterns"]!.AsArray().Any(p => Matches(p!.GetValue<string>(), index)))
            .OrderByDescending(t => t.Body["priority"]!.GetValue<int>())
            .ToList();

        Assert.Equal(expected, candidates[0].Name);
        Assert.True(candidates.Count == 1 || candidates[0].Body["priority"]!.GetValue<int>() > candidates[1].Body["priority"]!.GetValue<int>());
        var aliases = candidates[0].Body["template"]?["aliases"]?.AsObject();
        Assert.Equal(expected == IndexNames.TweetsIndexTemplate, aliases?.ContainsKey(IndexNames.TweetsAlias) == true);
    }

    [Fact]
    public void Trends_centroid_matches_the_tweet_embedding_space()
    {
        var centroid = JsonNode.Parse(ElasticsearchTemplates.Trends.ReadJson())!["template"]!["mappings"]!["properties"]!["centroid"]!;

        Assert.Equal(TweetDocument.EmbeddingDimensions, centroid["dims"]!.GetValue<int>());
        Assert.Equal("cosine", centroid["similarity"]!.GetValue<string>());
    }

    private static bool Matches(string pattern, string index) =>
        pattern.EndsWith('*') ? index.StartsWith(pattern[..^1], StringComparison.Ordinal) : index == pattern;

    /// <summary>Walks the document JSON; each leaf (value, array of values, geo_point object) must have a mapping.</summary>
    private static void CollectLeaves(JsonElement element, string path, JsonObject properties, List<string> leaves)
    {
        foreach (var property in element.EnumerateObject())
        {
            var fieldPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            var mapping = properties[property.Name];
            Assert.True(mapping is not null, $"'{fieldPath}' is in TweetDocument's JSON but has no mapping; with dynamic: strict Elasticsearch would reject every document.");
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.Object)
            {
                value = value[0];
            }

            var isLeafObject = mapping!["type"]?.GetValue<string>() == "geo_point";
            if (value.ValueKind == JsonValueKind.Object && !isLeafObject)
            {
                Assert.True(mapping["properties"] is JsonObject, $"'{fieldPath}' is an object in the document but not in the mapping.");
                CollectLeaves(value, fieldPath, mapping["properties"]!.AsObject(), leaves);
            }
            else
            {
                Assert.True(mapping["type"] is not null, $"'{fieldPath}' is a value in the document but an object in the mapping.");
                leaves.Add(fieldPath);
            }
        }
    }

    private static void CollectMapped(JsonObject properties, string path, List<string> mapped)
    {
        foreach (var (name, mapping) in properties)
        {
            var fieldPath = path.Length == 0 ? name : $"{path}.{name}";
            if (mapping!["properties"] is JsonObject children)
            {
                CollectMapped(children, fieldPath, mapped);
            }
            else
            {
                mapped.Add(fieldPath);
            }
        }
    }
}
