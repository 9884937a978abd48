namespace Etl.Enrichment.Text;

/// <summary>
/// Finds emoji as whole sequences (flags, keycaps, skin tones, ZWJ families), so "👩‍👩‍👧" counts once.
/// Symbols that are text by default (©, ®, ™, arrows) count only with the emoji variation selector U+FE0F.
/// </summary>
internal static class EmojiScanner
{
    private const int VariationSelector = 0xFE0F;
    private const int ZeroWidthJoiner = 0x200D;
    private const int Keycap = 0x20E3;

    /// <summary>Adds [start, end) UTF-16 ranges of emoji sequences to <paramref name="found"/>.</summary>
    public static void Scan(ReadOnlySpan<char> text, List<(int Start, int End)> found)
    {
        var i = 0;
        while (i < text.Length)
        {
            var end = MatchAt(text, i);
            if (end > i)
            {
                found.Add((i, end));
                i = end;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>The end of the emoji sequence starting at <paramref name="i"/>, or <paramref name="i"/> when none starts there.</summary>
    public static int MatchAt(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        // Fast exit for the common case: ASCII and most BMP letters are never emoji starts.
        if (c < 0x2000 && c is not ('#' or '*' or (>= '0' and <= '9') or '\u00A9' or '\u00AE'))
        {
            return i;
        }

        var cp = TwitterCharacters.CodePointAt(text, i, out var length);
        var pos = i + length;

        // Keycap: [0-9#*] FE0F? 20E3
        if (cp < 128)
        {
            var k = pos;
            if (k < text.Length && text[k] == VariationSelector)
            {
                k++;
            }

            return k < text.Length && text[k] == Keycap ? k + 1 : i;
        }

        // Flags: a pair of regional indicators.
        if (IsRegionalIndicator(cp))
        {
            if (pos < text.Length && IsRegionalIndicator(TwitterCharacters.CodePointAt(text, pos, out var second)))
            {
                return pos + second;
            }

            return i;
        }

        var strength = Pictographic(cp);
        if (strength == 0)
        {
            return i;
        }

        pos = ConsumeModifiers(text, pos, out var hadSelector);
        if (strength == 1 && !hadSelector)
        {
            return i;
        }

        // ZWJ sequences: emoji (ZWJ emoji)*
        while (pos + 1 < text.Length && text[pos] == ZeroWidthJoiner)
        {
            var next = TwitterCharacters.CodePointAt(text, pos + 1, out var nextLength);
            if (Pictographic(next) == 0)
            {
                break;
            }

            pos = ConsumeModifiers(text, pos + 1 + nextLength, out _);
        }

        return pos;
    }

    private static int ConsumeModifiers(ReadOnlySpan<char> text, int pos, out bool hadSelector)
    {
        hadSelector = false;
        while (pos < text.Length)
        {
            var cp = TwitterCharacters.CodePointAt(text, pos, out var length);
            if (cp == VariationSelector)
            {
                hadSelector = true;
            }
            else if (cp is not ((>= 0x1F3FB and <= 0x1F3FF) or (>= 0xE0020 and <= 0xE007F) or Keycap))
            {
                break;
            }

            pos += length;
        }

        return pos;
    }

    private static bool IsRegionalIndicator(int cp) => cp is >= 0x1F1E6 and <= 0x1F1FF;

    /// <summary>2: emoji by default; 1: emoji only with U+FE0F; 0: not an emoji.</summary>
    private static int Pictographic(int cp) => cp switch
    {
        >= 0x1F3FB and <= 0x1F3FF => 0,
        >= 0x1F000 and <= 0x1FAFF => 2,
        >= 0x2600 and <= 0x27BF => 2,
        0x231A or 0x231B or 0x2328 or 0x23CF or (>= 0x23E9 and <= 0x23FA) or 0x2B50 or 0x2B55 or 0x2B1B or 0x2B1C or 0x3030 or 0x303D or 0x3297 or 0x3299 => 2,
        0xA9 or 0xAE or 0x203C or 0x2049 or 0x2122 or 0x2139 or (>= 0x2194 and <= 0x21AA) or 0x24C2 or (>= 0x25AA and <= 0x25FE) or 0x2934 or 0x2935 or (>= 0x2B05 and <= 0x2B07) => 1,
        _ => 0,
    };
}
