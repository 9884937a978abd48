namespace Etl.Enrichment.Text;

/// <summary>
/// Extracts URLs, hashtags, mentions (and list mentions), cashtags and emoji from tweet text following
/// twitter-text's published rules. Offsets are Unicode code points. Stateless and thread-safe.
/// </summary>
public static class EntityExtractor
{
    private const int MaxScreenNameLength = 20;
    private const int MaxListSlugLength = 25;

    public static IReadOnlyList<TextEntity> Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        var ranges = new List<(int Start, int End)>();
        var entities = new List<TextEntity>();

        UrlScanner.Scan(span, ranges);
        foreach (var (start, end) in ranges)
        {
            entities.Add(new TextEntity(EntityKind.Url, text[start..end], start, end));
        }

        var urlCount = entities.Count;
        for (var i = 0; i < span.Length; i++)
        {
            TextEntity? found = span[i] switch
            {
                '#' or '＃' => MatchHashtag(text, i),
                '@' or '＠' => MatchMention(text, i),
                '$' => MatchCashtag(text, i),
                _ => null,
            };
            if (found is { } entity && !Overlaps(entities, urlCount, entity))
            {
                entities.Add(entity);
                i = entity.End - 1;
            }
        }

        ranges.Clear();
        EmojiScanner.Scan(span, ranges);
        foreach (var (start, end) in ranges)
        {
            var emoji = new TextEntity(EntityKind.Emoji, text[start..end], start, end);
            if (!Overlaps(entities, entities.Count, emoji))
            {
                entities.Add(emoji);
            }
        }

        entities.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return ToCodePointOffsets(span, entities);
    }

    /// <summary>
    /// The screen name a tweet replies to by its text: a mention that opens the text (after spaces only), or null.
    /// </summary>
    public static string? ExtractReplyScreenName(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i < text.Length && text[i] is '@' or '＠' && MatchMention(text, i) is { } mention ? mention.Value : null;
    }

    private static bool Overlaps(List<TextEntity> entities, int count, TextEntity candidate)
    {
        for (var i = 0; i < count; i++)
        {
            if (candidate.Start < entities[i].End && entities[i].Start < candidate.End)
            {
                return true;
            }
        }

        return false;
    }

    private static TextEntity? MatchHashtag(string text, int sigil)
    {
        var before = TwitterCharacters.CodePointBefore(text, sigil);
        // An emoji's variation selector (a mark) may touch the '#': "✌️#tag" is a hashtag.
        if (before >= 0 && before is not (0xFE0E or 0xFE0F) && (before == '&' || TwitterCharacters.IsHashtagChar(before, out _)))
        {
            return null;
        }

        var pos = sigil + 1;
        if (pos < text.Length && text[pos] is '\uFE0F' or '\u20E3')
        {
            return null;
        }

        var hasLetter = false;
        while (pos < text.Length)
        {
            var cp = TwitterCharacters.CodePointAt(text, pos, out var length);
            if (!TwitterCharacters.IsHashtagChar(cp, out var isLetter))
            {
                break;
            }

            hasLetter |= isLetter;
            pos += length;
        }

        // "#16" is a bus route, not a hashtag; "#tag#tag" and "#http://" are not hashtags either.
        if (!hasLetter || (pos < text.Length && text[pos] is '#' or '＃') || text.AsSpan(pos).StartsWith("://", StringComparison.Ordinal))
        {
            return null;
        }

        return new TextEntity(EntityKind.Hashtag, text[(sigil + 1)..pos], sigil, pos);
    }

    private static TextEntity? MatchMention(string text, int sigil)
    {
        var before = TwitterCharacters.CodePointBefore(text, sigil);
        if (before is '!' or '#' or '$' or '%' or '&' or '*' or '@' or '＠' || (before is >= 0 and < 128 && TwitterCharacters.IsAsciiWord((char)before) && !FollowsRetweetMarker(text, sigil)))
        {
            return null;
        }

        var pos = sigil + 1;
        while (pos < text.Length && pos - sigil <= MaxScreenNameLength && TwitterCharacters.IsAsciiWord(text[pos]))
        {
            pos++;
        }

        if (pos == sigil + 1)
        {
            return null;
        }

        var nameEnd = pos;
        string? listSlug = null;
        if (pos + 1 < text.Length && text[pos] == '/' && char.IsAsciiLetter(text[pos + 1]))
        {
            var slugStart = pos + 1;
            var slugEnd = slugStart + 1;
            while (slugEnd < text.Length && slugEnd - slugStart < MaxListSlugLength && (TwitterCharacters.IsAsciiWord(text[slugEnd]) || text[slugEnd] == '-'))
            {
                slugEnd++;
            }

            listSlug = text[slugStart..slugEnd];
            pos = slugEnd;
        }

        // "@user@example.com" is an address, "@aliceìnheiro" a longer name, "@http://" a URL.
        if (pos < text.Length)
        {
            var next = TwitterCharacters.CodePointAt(text, pos, out _);
            if (next is '@' or '＠' || TwitterCharacters.IsLatinAccent(next) || text.AsSpan(pos).StartsWith("://", StringComparison.Ordinal))
            {
                return null;
            }
        }

        return new TextEntity(EntityKind.Mention, text[(sigil + 1)..nameEnd], sigil, pos, listSlug);
    }

    /// <summary>"RT@user" and "rt@user" are retweet markers glued to a mention, which twitter-text accepts.</summary>
    private static bool FollowsRetweetMarker(string text, int sigil)
    {
        if (sigil < 2 || text[sigil - 2] is not ('r' or 'R') || text[sigil - 1] is not ('t' or 'T'))
        {
            return false;
        }

        return sigil == 2 || !(TwitterCharacters.IsAsciiWord(text[sigil - 3]) || text[sigil - 3] is '+' or '~' or '.' or '-');
    }

    private static TextEntity? MatchCashtag(string text, int sigil)
    {
        if (sigil > 0 && !char.IsWhiteSpace(text[sigil - 1]))
        {
            return null;
        }

        var pos = sigil + 1;
        while (pos < text.Length && pos - sigil <= 6 && char.IsAsciiLetter(text[pos]))
        {
            pos++;
        }

        if (pos == sigil + 1)
        {
            return null;
        }

        // Share classes and exchanges: $BRK.A, $RBS_L
        if (pos + 1 < text.Length && text[pos] is '.' or '_' && char.IsAsciiLetter(text[pos + 1]))
        {
            var suffixEnd = pos + 1;
            while (suffixEnd < text.Length && suffixEnd - pos <= 2 && char.IsAsciiLetter(text[suffixEnd]))
            {
                suffixEnd++;
            }

            if (suffixEnd >= text.Length || !char.IsAsciiLetter(text[suffixEnd]))
            {
                pos = suffixEnd;
            }
        }

        // "$1.00" and "$AAPLE2" are not cashtags: the symbol must end at a space, the end, or ASCII punctuation.
        if (pos < text.Length && !char.IsWhiteSpace(text[pos]) && !(char.IsAscii(text[pos]) && (char.IsPunctuation(text[pos]) || char.IsSymbol(text[pos]))))
        {
            return null;
        }

        return new TextEntity(EntityKind.Cashtag, text[(sigil + 1)..pos], sigil, pos);
    }

    private static List<TextEntity> ToCodePointOffsets(ReadOnlySpan<char> text, List<TextEntity> entities)
    {
        if (entities.Count == 0 || text.IndexOfAnyInRange('\uD800', '\uDBFF') < 0)
        {
            return entities;
        }

        // UTF-16 offset → code point offset: subtract the number of surrogate pairs before it.
        var pairsBefore = new int[text.Length + 1];
        var pairs = 0;
        for (var i = 0; i < text.Length; i++)
        {
            pairsBefore[i] = pairs;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                pairs++;
            }
        }

        pairsBefore[text.Length] = pairs;
        for (var i = 0; i < entities.Count; i++)
        {
            var e = entities[i];
            entities[i] = e with { Start = e.Start - pairsBefore[e.Start], End = e.End - pairsBefore[e.End] };
        }

        return entities;
    }
}
