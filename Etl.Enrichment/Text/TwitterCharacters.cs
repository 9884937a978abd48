using System.Globalization;

namespace Etl.Enrichment.Text;

/// <summary>Character classes from twitter-text's published rules (hashtag letters, Latin accents, URL path characters).</summary>
internal static class TwitterCharacters
{
    public static bool IsLetterOrMark(UnicodeCategory category) => category is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or
        UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>Characters that may continue a hashtag besides letters, marks and digits (joiners and script-specific punctuation).</summary>
    public static bool IsHashtagSpecial(int c) => c is '_' or 0x200C or 0x200D or 0xA67E or 0x05BE or 0x05F3 or 0x05F4 or
        0xFF5E or 0x301C or 0x309B or 0x309C or 0x30A0 or 0x30FB or 0x3003 or 0x0F0B or 0x0F0C or 0x00B7;

    public static bool IsHashtagChar(int c, out bool isLetter)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        isLetter = IsLetterOrMark(category);
        return isLetter || category == UnicodeCategory.DecimalDigitNumber || IsHashtagSpecial(c);
    }

    public static bool IsLatinAccent(int c) =>
        c is (>= 0xC0 and <= 0xD6) or (>= 0xD8 and <= 0xF6) or (>= 0xF8 and <= 0x24F) or 0x253 or 0x254 or 0x256 or 0x257 or
            0x259 or 0x25B or 0x263 or 0x268 or 0x26F or 0x272 or 0x289 or 0x28B or 0x2BB or (>= 0x300 and <= 0x36F) or (>= 0x1E00 and <= 0x1EFF);

    public static bool IsCyrillic(int c) => c is >= 0x400 and <= 0x4FF;

    public static bool IsAsciiWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>Reads the code point at <paramref name="index"/>, returning it and its UTF-16 length.</summary>
    public static int CodePointAt(ReadOnlySpan<char> text, int index, out int length)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            length = 2;
            return char.ConvertToUtf32(c, text[index + 1]);
        }

        length = 1;
        return c;
    }

    /// <summary>The code point ending just before <paramref name="index"/>, or -1 at the start.</summary>
    public static int CodePointBefore(ReadOnlySpan<char> text, int index)
    {
        if (index <= 0)
        {
            return -1;
        }

        var c = text[index - 1];
        if (char.IsLowSurrogate(c) && index >= 2 && char.IsHighSurrogate(text[index - 2]))
        {
            return char.ConvertToUtf32(text[index - 2], c);
        }

        return c;
    }
}
