using System.Globalization;

namespace Etl.Enrichment.Text;

/// <summary>
/// Splits tweet text into words, hashtags, mentions, URLs, emoticons, emoji and punctuation runs for the
/// sentiment model and the embedder. Writes into a caller's buffer and allocates nothing; thread-safe.
/// </summary>
public static class TweetTokenizer
{
    /// <summary>Tokenizes <paramref name="text"/> into <paramref name="tokens"/>; returns how many were written (extra tokens are dropped).</summary>
    public static int Tokenize(ReadOnlySpan<char> text, Span<Token> tokens)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length && count < tokens.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var length = MatchAt(text, i, out var kind);
            if (length == 0)
            {
                i++;
                continue;
            }

            tokens[count++] = new Token(i, length, kind);
            i += length;
        }

        return count;
    }

    private static int MatchAt(ReadOnlySpan<char> text, int i, out TokenKind kind)
    {
        var c = text[i];
        var atBoundary = i == 0 || !char.IsLetterOrDigit(text[i - 1]);

        if (c is 'h' or 'H' or 'w' or 'W' && atBoundary && (text[i..].StartsWith("http://", StringComparison.OrdinalIgnoreCase) ||
            text[i..].StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text[i..].StartsWith("www.", StringComparison.OrdinalIgnoreCase)))
        {
            kind = TokenKind.Url;
            return RunUntilWhiteSpace(text, i);
        }

        if (c is '@' or '#' && i + 1 < text.Length)
        {
            var end = i + 1;
            while (end < text.Length && IsWordChar(text[end]))
            {
                end++;
            }

            if (end > i + 1)
            {
                kind = c == '@' ? TokenKind.Mention : TokenKind.Hashtag;
                return end - i;
            }
        }

        if (atBoundary && (!char.IsLetterOrDigit(c) || c is 'x' or 'X' or 'D' or 'T'))
        {
            var emoticon = Emoticons.Match(text, i, out _);
            if (emoticon > 0)
            {
                kind = TokenKind.Emoticon;
                return emoticon;
            }
        }

        if (char.IsLetterOrDigit(c))
        {
            var end = i + 1;
            var allDigits = char.IsDigit(c);
            while (end < text.Length)
            {
                var d = text[end];
                if (IsWordChar(d))
                {
                    allDigits &= char.IsDigit(d);
                    end++;
                }
                else if (d is '\'' or '\u2019' && end + 1 < text.Length && char.IsLetter(text[end + 1]))
                {
                    // don't, it's, y’all: the apostrophe stays inside the word.
                    end++;
                }
                else if (d is '.' or ',' && allDigits && end + 1 < text.Length && char.IsDigit(text[end + 1]))
                {
                    end++;
                }
                else
                {
                    break;
                }
            }

            kind = allDigits ? TokenKind.Number : TokenKind.Word;
            return end - i;
        }

        var emoji = EmojiScanner.MatchAt(text, i);
        if (emoji > i)
        {
            kind = TokenKind.Emoji;
            return emoji - i;
        }

        if (c is '!' or '?')
        {
            var end = i + 1;
            while (end < text.Length && text[end] is '!' or '?')
            {
                end++;
            }

            kind = TokenKind.Exclamation;
            return end - i;
        }

        if (c is '.' or ',' or ';' or ':' or '\u2026')
        {
            var end = i + 1;
            while (end < text.Length && text[end] == '.')
            {
                end++;
            }

            kind = TokenKind.ClauseBreak;
            return end - i;
        }

        kind = default;
        return 0;
    }

    private static bool IsWordChar(char c)
    {
        if (c < 128)
        {
            return char.IsAsciiLetterOrDigit(c) || c == '_';
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or
            UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or
            UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber;
    }

    private static int RunUntilWhiteSpace(ReadOnlySpan<char> text, int i)
    {
        var end = i;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return end - i;
    }
}
