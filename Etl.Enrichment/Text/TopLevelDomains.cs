using System.Collections.Frozen;

namespace Etl.Enrichment.Text;

/// <summary>The IANA root zone TLDs (from the <c>tlds</c> package), which decide whether <c>foo.bar</c> is a URL.</summary>
public static class TopLevelDomains
{
    private static readonly FrozenSet<string> All = EmbeddedData.ReadLines(EmbeddedData.TopLevelDomains)
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = All.GetAlternateLookup<ReadOnlySpan<char>>();

    public static int Count => All.Count;

    public static bool Contains(ReadOnlySpan<char> label) => Lookup.Contains(label);

    /// <summary>Two ASCII letters: a country-code TLD. Without a scheme and a path, twitter-text links these only for .co and .tv.</summary>
    public static bool IsCountryCode(ReadOnlySpan<char> label) =>
        label.Length == 2 && char.IsAsciiLetter(label[0]) && char.IsAsciiLetter(label[1]);
}
