using System.Collections.Frozen;
using Etl.Enrichment.Text;

namespace Etl.Scheduler.Trends;

/// <summary>
/// The content words of a tweet, lower-cased and de-duplicated, for labelling clusters. Function words carry no topic,
/// so they are dropped here rather than left for the baseline comparison to discount.
/// </summary>
public static class TermExtractor
{
    private const int MaxTokens = 256;

    private static readonly FrozenSet<string> Stopwords = new[]
    {
        "the", "and", "but", "for", "with", "from", "this", "that", "these", "those", "are", "was", "were", "been", "have", "has",
        "had", "will", "would", "can", "could", "there", "here", "what", "when", "who", "how", "all", "out", "about", "you", "your",
        "our", "their", "they", "them", "his", "her", "she", "its", "it's", "i'm", "just", "not", "now", "too", "very", "really",
        "than", "then", "into", "over", "after", "before", "again", "more", "most", "some", "any", "each", "other", "such", "only",
        "own", "same", "also", "get", "got", "one", "via", "amp", "http", "https", "que", "los", "las", "del", "por", "con", "une",
        "des", "les", "est", "pas", "und", "der", "die", "das", "ist", "nicht", "mit",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Distinct content words of <paramref name="text"/> (three letters or more, not a stopword, hashtags excluded).</summary>
    public static IReadOnlyList<string> Terms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<Token> tokens = stackalloc Token[MaxTokens];
        var count = TweetTokenizer.Tokenize(text, tokens);
        var terms = new List<string>(count);
        for (var t = 0; t < count; t++)
        {
            if (tokens[t].Kind != TokenKind.Word)
            {
                continue;
            }

            var word = tokens[t].In(text).ToString().ToLowerInvariant().Replace('\u2019', '\'');
            if (word.Length >= 3 && !Stopwords.Contains(word) && word.Any(char.IsLetter) && !terms.Contains(word))
            {
                terms.Add(word);
            }
        }

        return terms;
    }
}
