namespace Etl.Enrichment.Text;

/// <summary>
/// Finds URLs with and without a scheme the way twitter-text does: the domain must end in a known TLD,
/// the label before the TLD may not hold '_' or start/end with '-', trailing punctuation is left out,
/// parentheses are kept only when balanced, t.co paths are an alphanumeric slug of at most 40 characters with an
/// optional query, and the host must be valid IDNA (labels of at most 63 characters once punycoded).
/// </summary>
internal static class UrlScanner
{
    private const int MaxLabels = 16;

    /// <summary>t.co slugs are at most 40 characters; a longer one is not a t.co link at all.</summary>
    private const int MaxTcoSlug = 40;

    private static readonly System.Globalization.IdnMapping Idn = new();

    /// <summary>Adds [start, end) UTF-16 ranges of URLs in <paramref name="text"/> to <paramref name="found"/>.</summary>
    public static void Scan(ReadOnlySpan<char> text, List<(int Start, int End)> found)
    {
        // Every URL has a dot in its domain: most tweets without one are done here.
        if (!text.Contains('.'))
        {
            return;
        }

        var i = 0;
        while (i < text.Length)
        {
            if (IsCandidateStart(text, i) && TryMatch(text, i, out var end))
            {
                found.Add((i, end));
                i = end;
                continue;
            }

            i++;
        }
    }

    private static bool IsCandidateStart(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (c is 'h' or 'H' && StartsWithScheme(text[i..]) > 0)
        {
            return true;
        }

        return IsBareDomainChar(c) && (i == 0 || !IsBareDomainChar(text[i - 1]));
    }

    private static int StartsWithScheme(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return 7;
        }

        return text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8 : 0;
    }

    private static bool TryMatch(ReadOnlySpan<char> text, int start, out int end)
    {
        end = start;
        var before = TwitterCharacters.CodePointBefore(text, start);
        if (before is '@' or 0xFF20 or '$' or '#' or 0xFF03 or 0xFFFE or 0xFEFF or 0xFFFF || (before >= 0 && before < 128 && char.IsAsciiLetterOrDigit((char)before)))
        {
            return false;
        }

        var schemeLength = StartsWithScheme(text[start..]);
        var hasScheme = schemeLength > 0;
        if (!hasScheme && before is '-' or '_' or '.' or '/')
        {
            return false;
        }

        // Labels: runs of domain characters separated by single dots.
        Span<int> labelStarts = stackalloc int[MaxLabels];
        Span<int> labelEnds = stackalloc int[MaxLabels];
        var labels = 0;
        var q = start + schemeLength;
        while (labels < MaxLabels)
        {
            var s = q;
            while (q < text.Length && IsDomainChar(text, q, hasScheme, out var length))
            {
                q += length;
            }

            if (q == s)
            {
                break;
            }

            labelStarts[labels] = s;
            labelEnds[labels] = q;
            labels++;
            if (q + 1 < text.Length && text[q] == '.' && IsDomainChar(text, q + 1, hasScheme, out _))
            {
                q++;
                continue;
            }

            break;
        }

        // The longest domain ending in a listed TLD that is not glued to more letters, digits, '@', '+' or '-'
        // ("domain.com-typo" and "john.doe.jp@mail.com" are not URLs). Without a scheme the labels are ASCII and
        // Latin letters, but the TLD itself may be an IDN ("twitter.みんな").
        var tldEnd = -1;
        for (var k = labels - 1; k >= 0 && tldEnd < 0; k--)
        {
            var tldStart = k + 1 < labels ? labelStarts[k + 1] : labelEnds[k] + 1;
            if ((k + 1 == labels && (tldStart > text.Length || text[tldStart - 1] != '.')) || !ValidLabels(text, labelStarts, labelEnds, k + 1))
            {
                continue;
            }

            var length = TopLevelDomains.LongestAt(text, tldStart, static (t, e) => !IsTldContinuation(t, e));
            if (length > 0)
            {
                tldEnd = tldStart + length;
            }
        }

        if (tldEnd < 0)
        {
            return false;
        }

        var domain = text[(start + schemeLength)..tldEnd];
        if (!IsValidHost(domain))
        {
            return false;
        }

        var pos = tldEnd;
        if (pos + 1 < text.Length && text[pos] == ':' && char.IsAsciiDigit(text[pos + 1]))
        {
            pos++;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }
        }

        if (domain.Equals("t.co", StringComparison.OrdinalIgnoreCase))
        {
            pos = ScanTcoPath(text, pos);
            if (pos < 0)
            {
                return false;
            }
        }
        else
        {
            pos = ScanPath(text, pos);
        }

        end = pos;
        return true;
    }

    /// <summary>Subdomains may hold '_' but not start or end with '-'/'_'; the domain name (the label before the TLD) may not hold '_' at all.</summary>
    private static bool ValidLabels(ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, int tldIndex)
    {
        for (var k = 0; k < tldIndex; k++)
        {
            var label = text[starts[k]..ends[k]];
            if (label[0] is '-' or '_' || label[^1] is '-' or '_')
            {
                return false;
            }

            if (k == tldIndex - 1 && label.Contains('_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTldContinuation(ReadOnlySpan<char> text, int index) =>
        index < text.Length && (char.IsAsciiLetterOrDigit(text[index]) || text[index] is '@' or '+' or '-');

    /// <summary>
    /// The host must survive IDNA conversion: labels of at most 63 characters once punycoded, no "xn--" label holding
    /// non-ASCII characters, at most 253 characters in all.
    /// </summary>
    private static bool IsValidHost(ReadOnlySpan<char> domain)
    {
        if (!System.Text.Ascii.IsValid(domain))
        {
            try
            {
                _ = Idn.GetAscii(domain.ToString());
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        if (domain.Length > 253)
        {
            return false;
        }

        foreach (var range in domain.Split('.'))
        {
            if (range.End.Value - range.Start.Value > 63)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A t.co path is an alphanumeric slug of at most 40 characters and an optional query ("?amp=1"); returns the end,
    /// or -1 when the slug is too long to be a t.co link.
    /// </summary>
    private static int ScanTcoPath(ReadOnlySpan<char> text, int pos)
    {
        if (pos >= text.Length || text[pos] != '/')
        {
            return pos;
        }

        var end = pos + 1;
        while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
        {
            end++;
        }

        if (end - pos - 1 > MaxTcoSlug)
        {
            return -1;
        }

        if (end + 1 < text.Length && text[end] == '?' && IsQueryChar(text[end + 1]))
        {
            var query = end + 1;
            while (query < text.Length && IsQueryChar(text[query]))
            {
                query++;
            }

            while (query > end + 1 && !IsQueryEndChar(text[query - 1]))
            {
                query--;
            }

            if (query > end + 1)
            {
                end = query;
            }
        }

        return end;
    }

    private static bool IsQueryChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '?' or '*' or '\'' or '(' or ')' or ';' or ':' or '&' or '=' or '+' or '$' or '/' or '%' or
            '#' or '[' or ']' or '-' or '_' or '.' or ',' or '~' or '|' or '@';

    private static bool IsQueryEndChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '&' or '=' or '#' or '/';

    private static int ScanPath(ReadOnlySpan<char> text, int pos)
    {
        if (pos >= text.Length || text[pos] is not ('/' or '?'))
        {
            return pos;
        }

        var end = pos;
        var depth = 0;
        while (end < text.Length)
        {
            var cp = TwitterCharacters.CodePointAt(text, end, out var length);
            if (cp == '(')
            {
                depth++;
            }
            else if (cp == ')')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (!IsPathChar(cp))
            {
                break;
            }

            end += length;
        }

        // Trailing punctuation belongs to the sentence, not the URL ("see http://x.com/a." → "http://x.com/a").
        while (end > pos && !IsPathEndChar(text[end - 1]))
        {
            end--;
        }

        // An unbalanced '(' left at the end after trimming is not part of the URL either.
        return end;
    }

    private static bool IsPathChar(int c) =>
        (c < 128 && char.IsAsciiLetterOrDigit((char)c)) || TwitterCharacters.IsCyrillic(c) || TwitterCharacters.IsLatinAccent(c) ||
        c is '!' or '*' or '\'' or ';' or ':' or '=' or '+' or ',' or '.' or '$' or '/' or '%' or '#' or '[' or ']' or '-' or 0x2013 or
            '_' or '~' or '|' or '&' or '@' or '?';

    private static bool IsPathEndChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || TwitterCharacters.IsCyrillic(c) || TwitterCharacters.IsLatinAccent(c) ||
        c is '=' or '_' or '#' or '/' or '+' or '-' or '&' or ')' || char.IsLowSurrogate(c);

    /// <summary>Without a scheme only ASCII letters, digits, '-', '_' and Latin accented letters ("ELPAÍS.com") make a domain.</summary>
    private static bool IsBareDomainChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || TwitterCharacters.IsLatinAccent(c);

    private static bool IsDomainChar(ReadOnlySpan<char> text, int index, bool hasScheme, out int length)
    {
        if (!hasScheme)
        {
            length = 1;
            return IsBareDomainChar(text[index]);
        }

        var cp = TwitterCharacters.CodePointAt(text, index, out length);
        if (cp < 128)
        {
            return char.IsAsciiLetterOrDigit((char)cp) || cp is '-' or '_';
        }

        // With a scheme, any non-space, non-punctuation character may appear (IDNs such as "foobar.みんな", "✪df.ws").
        var category = System.Globalization.CharUnicodeInfo.GetUnicodeCategory(cp);
        return category is not (System.Globalization.UnicodeCategory.SpaceSeparator or System.Globalization.UnicodeCategory.Control or
            System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.OtherPunctuation or
            System.Globalization.UnicodeCategory.OpenPunctuation or System.Globalization.UnicodeCategory.ClosePunctuation or
            System.Globalization.UnicodeCategory.InitialQuotePunctuation or System.Globalization.UnicodeCategory.FinalQuotePunctuation or
            System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator);
    }
}
