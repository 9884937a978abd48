using System.Collections.Frozen;

namespace Etl.Enrichment.Text;

/// <summary>The IANA root zone TLDs (from the <c>tlds</c> package), which decide whether <c>foo.bar</c> is a URL.</summary>
public static class TopLevelDomains
{
    private static readonly FrozenSet<string> All = EmbeddedData.ReadLines(EmbeddedData.TopLevelDomains)
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = All.GetAlternateLookup<ReadOnlySpan<char>>();

    public static int Count => All.Count;

    private static readonly int MaxLength = All.Max(static t => t.Length);

    public static bool Contains(ReadOnlySpan<char> label) => Lookup.Contains(label);

    /// <summary>
    /// The length of the longest TLD starting at <paramref name="start"/> whose end <paramref name="endsHere"/> accepts,
    /// or 0. TLDs are matched as prefixes because IDN TLDs run straight into the following text ("twitter.みんなです").
    /// </summary>
    public static int LongestAt(ReadOnlySpan<char> text, int start, Func<ReadOnlySpan<char>, int, bool> endsHere)
    {
        ArgumentNullException.ThrowIfNull(endsHere);
        for (var length = Math.Min(MaxLength, text.Length - start); length > 0; length--)
        {
            if (Lookup.Contains(text.Slice(start, length)) && endsHere(text, start + length))
            {
                return length;
            }
        }

        return 0;
    }
}
