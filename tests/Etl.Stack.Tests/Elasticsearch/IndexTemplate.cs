using System.Text.RegularExpressions;

namespace Etl.Stack.Tests.Elasticsearch;

/// <summary>One composable index template, reduced to what the drift checks need: which indices it applies to and the type of every field.</summary>
/// <param name="File">File name under Etl.Schemas/Elasticsearch.</param>
/// <param name="IndexPatterns">The template's <c>index_patterns</c>.</param>
/// <param name="Priority">The template's <c>priority</c> (0 when absent).</param>
/// <param name="Fields">Dotted field path → Elasticsearch type, including multi-fields such as <c>text.keyword</c>.</param>
public sealed record IndexTemplate(string File, IReadOnlyList<string> IndexPatterns, long Priority, IReadOnlyDictionary<string, string> Fields)
{
    public bool AppliesTo(string indexName) =>
        IndexPatterns.Any(pattern => Regex.IsMatch(
            indexName,
            "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1)));
}
