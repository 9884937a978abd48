namespace Etl.Enrichment.Text;

/// <summary>Western and kaomoji-style emoticons with their polarity; ASCII art that carries sentiment.</summary>
public static class Emoticons
{
    // Longest first, so ":-)" wins over ":-".
    private static readonly (string Face, int Polarity)[] Faces =
    [
        (">:-(", -1), (">:(", -1), (":'-(", -1), (":'(", -1), (":-(", -1), (":-/", -1), (":-\\", -1), (":-[", -1), (":-|", 0),
        (":-)", 1), (":-D", 1), (":-P", 1), (":-p", 1), (";-)", 1), ("8-)", 1), (":o)", 1), ("^_^", 1), ("^-^", 1), ("-_-", -1),
        ("T_T", -1), ("</3", -1), (":(", -1), (":/", -1), (":\\", -1), (":[", -1), ("=(", -1), ("):", -1), ("D:", -1), (":S", -1),
        (":@", -1), (":|", 0), (":)", 1), (":D", 1), (":P", 1), (":p", 1), (";)", 1), (";D", 1), ("=)", 1), ("=D", 1), (":]", 1),
        ("=]", 1), ("(:", 1), (":*", 1), ("xD", 1), ("XD", 1), ("<3", 1), ("^^", 1),
    ];

    /// <summary>Length of the emoticon at <paramref name="index"/> (0 when none) and its polarity (-1, 0 or 1).</summary>
    public static int Match(ReadOnlySpan<char> text, int index, out int polarity)
    {
        var rest = text[index..];
        foreach (var (face, value) in Faces)
        {
            if (rest.StartsWith(face, StringComparison.Ordinal))
            {
                // "D:" inside "ANSWER D: yes" or ":p" in ":path" are not faces: require a boundary after.
                var after = index + face.Length;
                if (after < text.Length && char.IsLetterOrDigit(text[after]))
                {
                    continue;
                }

                polarity = value;
                return face.Length;
            }
        }

        polarity = 0;
        return 0;
    }

    public static int PolarityOf(ReadOnlySpan<char> face) => Match(face, 0, out var polarity) == face.Length ? polarity : 0;
}
