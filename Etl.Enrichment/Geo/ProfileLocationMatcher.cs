using System.Collections.Frozen;
using System.Text;

namespace Etl.Enrichment.Geo;

/// <summary>
/// Reads a user's free-text profile location ("Brooklyn, NY", "London | Paris", "NYC 🗽", "the moon") against the
/// gazetteer and says how sure it is. Texts that name no place give null rather than a guess.
/// </summary>
public sealed class ProfileLocationMatcher(Gazetteer gazetteer)
{
    private static readonly Lazy<ProfileLocationMatcher> Embedded = new(() => new ProfileLocationMatcher(Gazetteer.Default));

    /// <summary>Whole texts that name no place on Earth, though some of their words are also town names somewhere.</summary>
    private static readonly FrozenSet<string> NoPlace = new[]
    {
        "earth", "planet earth", "the earth", "world", "the world", "worldwide", "world wide", "everywhere", "anywhere", "somewhere",
        "nowhere", "here", "there", "home", "at home", "the moon", "moon", "on the moon", "mars", "space", "outer space", "the internet",
        "internet", "online", "global", "universe", "the universe", "heaven", "hell", "in your heart", "your heart", "in my head",
        "wherever", "everywhere and nowhere", "location", "n/a", "none", "unknown", "global citizen", "in bed", "my house", "the bay",
        "she her", "he him", "they them", "she they", "he they", "they she", "they he",
    }.ToFrozenSet(StringComparer.Ordinal);

    private const long MinFallbackPopulation = 100_000;

    public static ProfileLocationMatcher Default => Embedded.Value;

    public Gazetteer Gazetteer { get; } = gazetteer ?? throw new ArgumentNullException(nameof(gazetteer));

    public ProfileLocationMatch? Match(string? location)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            return null;
        }

        var cleaned = Clean(location);
        if (cleaned.Length == 0 || NoPlace.Contains(Gazetteer.Normalize(cleaned.Replace(',', ' '))))
        {
            return null;
        }

        if (Lookup(cleaned.Replace(",", "", StringComparison.Ordinal).Trim()) is { } whole && !cleaned.Contains(',', StringComparison.Ordinal))
        {
            return Single(whole);
        }

        var parts = cleaned.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return null;
        }

        // "Washington, D.C." and "Washington, DC" are names in their own right.
        if (parts.Length >= 2 && Lookup(parts[0] + ", " + parts[1]) is { } joined)
        {
            return Single(joined);
        }

        // "Austin, TX" / "Austin, Texas, USA" / "Paris, France": a place narrowed by what follows it.
        if (parts.Length >= 2)
        {
            var head = Lookup(parts[0]);
            for (var q = 1; q < parts.Length; q++)
            {
                var qualifier = Lookup(parts[q])?.FirstOrDefault(e => e.Kind != PlaceKind.City);
                if (qualifier is null || head is null)
                {
                    continue;
                }

                var narrowed = head.Where(e => e.Kind != PlaceKind.Country && e.CountryCode == qualifier.CountryCode &&
                    (qualifier.Kind == PlaceKind.Country || e.Admin1 == qualifier.Admin1) && e != qualifier).ToList();
                if (narrowed.Count > 0)
                {
                    return new ProfileLocationMatch(narrowed[0], 0.9);
                }
            }

            if (head is not null)
            {
                return Single(head, penalty: 0.1);
            }

            // "Brooklyn Heights, NY": the head is unknown but the qualifier is a region or country.
            foreach (var part in parts.Skip(1))
            {
                if (Lookup(part)?.FirstOrDefault(e => e.Kind != PlaceKind.City) is { } broader)
                {
                    return new ProfileLocationMatch(broader, broader.Kind == PlaceKind.Region ? 0.55 : 0.45);
                }
            }
        }

        foreach (var part in parts)
        {
            if (Lookup(part) is { } found)
            {
                return Single(found, penalty: 0.15);
            }
        }

        foreach (var part in parts)
        {
            if (LookupCjk(part) is { } found)
            {
                return Single(found, penalty: 0.1);
            }
        }

        return Fallback(parts);
    }

    /// <summary>Confidence by kind and by how clearly the best candidate beats others of the same name.</summary>
    private static ProfileLocationMatch Single(IReadOnlyList<GazetteerEntry> candidates, double penalty = 0)
    {
        var best = candidates[0];
        var confidence = best.Kind switch
        {
            PlaceKind.Country => 0.6,
            PlaceKind.Region => 0.7,
            _ => candidates.Count == 1 || candidates[1].Kind != PlaceKind.City || best.Population >= 5 * candidates[1].Population ? 0.8 : 0.6,
        };
        return new ProfileLocationMatch(best, Math.Round(confidence - penalty, 2));
    }

    /// <summary>"Proud Londoner living in Manchester": capitalised word runs that are big cities, countries or regions.</summary>
    private ProfileLocationMatch? Fallback(string[] parts)
    {
        foreach (var part in parts)
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var size = Math.Min(3, words.Length); size >= 1; size--)
            {
                for (var start = 0; start + size <= words.Length; start++)
                {
                    if (!char.IsUpper(words[start][0]))
                    {
                        continue;
                    }

                    var phrase = string.Join(' ', words, start, size);
                    if (Lookup(phrase)?.FirstOrDefault(e => e.Kind != PlaceKind.City || e.Population >= MinFallbackPopulation) is { } entry)
                    {
                        return new ProfileLocationMatch(entry, 0.4);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Chinese and Japanese addresses run together without spaces and end units with an administrative suffix
    /// ("東京都港区台場", "神奈川県横浜市"): split after each suffix and look each unit up as written, with 市 (city) added,
    /// and without its suffix ("京都" is listed as "京都市").
    /// </summary>
    private IReadOnlyList<GazetteerEntry>? LookupCjk(string part)
    {
        if (!part.Any(IsCjk))
        {
            return null;
        }

        var start = 0;
        for (var i = 0; i <= part.Length; i++)
        {
            if (i < part.Length && !char.IsWhiteSpace(part[i]) && part[i] != '-' && !(i > start && CjkSuffixes.Contains(part[i - 1])))
            {
                continue;
            }

            var unit = part[start..i].Trim();
            start = i < part.Length && (char.IsWhiteSpace(part[i]) || part[i] == '-') ? i + 1 : i;
            if (unit.Length == 0)
            {
                continue;
            }

            var stem = CjkSuffixes.Contains(unit[^1]) && unit.Length > 2 ? unit[..^1] : null;
            var found = Lookup(unit) ?? Lookup(unit + "市") ?? (stem is null ? null : Lookup(stem) ?? Lookup(stem + "市"));
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private const string CjkSuffixes = "都道府県縣市区區";

    private static bool IsCjk(char c) => c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7AF');

    /// <summary>Candidates for a phrase; two-letter names ("LA", "UK", "CA") count only when written in capitals.</summary>
    private IReadOnlyList<GazetteerEntry>? Lookup(string phrase)
    {
        var trimmed = phrase.Trim();
        if (trimmed.Length == 0 || NoPlace.Contains(Gazetteer.Normalize(trimmed)))
        {
            return null;
        }

        var letters = trimmed.Count(char.IsLetter);
        if (letters <= 2 && trimmed.Any(char.IsLower))
        {
            return null;
        }

        var found = Gazetteer.Find(trimmed);
        return found.Count > 0 ? found : null;
    }

    /// <summary>Separators become commas; emoji, symbols and stray punctuation become spaces.</summary>
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is ',' or '|' or '/' or '•' or '·' or ';' or '&' or '(' or ')' or '\n' or '\r' or '–' or '—' or '+' or '✈' or '→' or '>' or '<')
            {
                builder.Append(',');
            }
            else if (char.IsLetterOrDigit(c) || char.IsWhiteSpace(c) || c is '.' or '-' or '\'' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().Trim(' ', ',');
    }
}
