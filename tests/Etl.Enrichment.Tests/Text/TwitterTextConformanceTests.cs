using System.Globalization;
using Etl.Enrichment.Text;
using Etl.Testing.Reference;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace Etl.Enrichment.Tests.Text;

/// <summary>
/// Runs every case of twitter-text's conformance suite (<c>shared/reference/twitter_text/extract.yml</c>) against
/// <see cref="EntityExtractor"/>: hashtags, mentions and lists, replies and cashtags must all pass, URLs at least 98%.
/// Failing cases are printed by description so a regression names the rule it broke.
/// </summary>
public class TwitterTextConformanceTests(ITestOutputHelper output)
{
    private static readonly Lazy<YamlMappingNode?> Suite = new(Load);

    [SkippableFact]
    public void Hashtags_PassEveryCase() =>
        AssertPassRate(1.0, ["hashtags", "hashtags_from_astral", "hashtags_with_indices"], EntityKind.Hashtag, "hashtag");

    [SkippableFact]
    public void MentionsAndLists_PassEveryCase() =>
        AssertPassRate(1.0, ["mentions", "mentions_with_indices", "mentions_or_lists_with_indices"], EntityKind.Mention, "screen_name");

    [SkippableFact]
    public void Cashtags_PassEveryCase() =>
        AssertPassRate(1.0, ["cashtags", "cashtags_with_indices"], EntityKind.Cashtag, "cashtag");

    [SkippableFact]
    public void Urls_PassAtLeast98Percent() =>
        AssertPassRate(0.98, ["urls", "urls_with_indices", "urls_with_directional_markers", "tco_urls_with_params"], EntityKind.Url, "url");

    [SkippableFact]
    public void Replies_PassEveryCase()
    {
        var failures = new List<string>();
        var cases = Cases("replies").ToList();
        foreach (var (description, text, expected) in cases)
        {
            var want = expected is YamlScalarNode { Value: { Length: > 0 } name } ? name : null;
            var got = EntityExtractor.ExtractReplyScreenName(text);
            if (want != got)
            {
                failures.Add($"replies: {description} — expected {want ?? "none"}, got {got ?? "none"}");
            }
        }

        Report("replies", cases.Count, failures, 1.0);
    }

    private void AssertPassRate(double required, string[] sections, EntityKind kind, string valueKey)
    {
        var failures = new List<string>();
        var total = 0;
        foreach (var section in sections)
        {
            foreach (var (description, text, expected) in Cases(section))
            {
                total++;
                var entities = EntityExtractor.Extract(text).Where(e => e.Kind == kind).ToList();
                var withIndices = expected is YamlSequenceNode { Children: [YamlMappingNode, ..] };
                var want = ((YamlSequenceNode)expected).Children.Select(node => Describe(node, valueKey, withIndices)).ToList();
                var got = entities.Select(e => Describe(e, kind, withIndices)).ToList();
                if (!want.SequenceEqual(got))
                {
                    failures.Add($"{section}: {description} — expected [{string.Join(", ", want)}], got [{string.Join(", ", got)}]");
                }
            }
        }

        Report(string.Join('/', sections), total, failures, required);
    }

    private void Report(string what, int total, List<string> failures, double required)
    {
        Assert.True(total > 0, $"extract.yml has no {what} cases.");
        var passed = total - failures.Count;
        output.WriteLine($"{what}: {passed} of {total} cases pass ({100.0 * passed / total:F1}%).");
        foreach (var failure in failures)
        {
            output.WriteLine("FAIL " + failure);
        }

        Assert.True(passed >= required * total, $"{what}: {passed} of {total} pass, {required:P0} required. Failing:\n" + string.Join('\n', failures));
    }

    private static string Describe(YamlNode node, string valueKey, bool withIndices)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? "";
        }

        var mapping = (YamlMappingNode)node;
        var value = ((YamlScalarNode)mapping[valueKey]).Value ?? "";
        if (mapping.Children.TryGetValue(new YamlScalarNode("list_slug"), out var slug) && slug is YamlScalarNode { Value: { Length: > 0 } listSlug })
        {
            value += listSlug;
        }

        if (!withIndices)
        {
            return value;
        }

        var indices = ((YamlSequenceNode)mapping["indices"]).Children.Select(i => ((YamlScalarNode)i).Value).ToArray();
        return $"{value} [{indices[0]},{indices[1]}]";
    }

    private static string Describe(TextEntity entity, EntityKind kind, bool withIndices)
    {
        var value = kind == EntityKind.Mention && entity.ListSlug is { } slug ? $"{entity.Value}/{slug}" : entity.Value;
        return withIndices ? string.Create(CultureInfo.InvariantCulture, $"{value} [{entity.Start},{entity.End}]") : value;
    }

    private static IEnumerable<(string Description, string Text, YamlNode Expected)> Cases(string section)
    {
        var suite = Suite.Value;
        Skip.If(suite is null, "shared/reference/twitter_text/extract.yml is not beside this checkout.");
        var tests = (YamlMappingNode)suite["tests"];
        foreach (var node in ((YamlSequenceNode)tests[section]).Children.Cast<YamlMappingNode>())
        {
            yield return (((YamlScalarNode)node["description"]).Value ?? "", ((YamlScalarNode)node["text"]).Value ?? "", node["expected"]);
        }
    }

    private static YamlMappingNode? Load()
    {
        var file = ReferenceData.File("twitter_text/extract.yml");
        if (file is null)
        {
            return null;
        }

        var stream = new YamlStream();
        using var reader = File.OpenText(file);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
