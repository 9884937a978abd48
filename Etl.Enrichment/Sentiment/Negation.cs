using System.Collections.Frozen;

namespace Etl.Enrichment.Sentiment;

/// <summary>Words that open a negation scope ("not good" ≠ "good"), which runs to the next clause break.</summary>
internal static class Negation
{
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Negators = new[]
    {
        "not", "no", "never", "nothing", "nobody", "none", "nowhere", "neither", "nor", "cannot", "without", "hardly", "barely",
        "cant", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "shouldnt", "couldnt",
        "aint", "havent", "hasnt", "hadnt", "mustnt", "neednt", "nope", "nah",
    }.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary><paramref name="word"/> is lower case; "don't" and "isn't" end in "n't".</summary>
    public static bool IsNegator(ReadOnlySpan<char> word) =>
        word.EndsWith("n't", StringComparison.Ordinal) || Negators.Contains(word);
}
