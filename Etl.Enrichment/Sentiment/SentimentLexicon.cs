using System.Globalization;

namespace Etl.Enrichment.Sentiment;

/// <summary>
/// A word polarity lexicon learned from distantly supervised tweets (Sentiment140, labelled by emoticons): for each
/// word (negated words apart) the log-odds of appearing in a positive rather than a negative tweet, quantised to 1/16.
/// The model sees it through bucketed summary features, which carry signal from 100,000 extra tweets into a model
/// trained on far fewer human labels. Stored as a plain word list (<c>word TAB negated TAB score</c>, gzip) beside the
/// ML.NET model; looked up by the features' word hash, so scoring allocates nothing.
/// </summary>
public sealed class SentimentLexicon
{
    public const float Scale = 16f;
    private const int MinOccurrences = 5;
    private readonly sbyte[] scores;

    private SentimentLexicon(int bits, IReadOnlyList<(SentimentLexiconWord Word, sbyte Score)> entries)
    {
        Bits = bits;
        Entries = entries;
        scores = new sbyte[1 << bits];
        var mask = (1u << bits) - 1;
        foreach (var (word, score) in entries)
        {
            scores[(int)(SentimentFeatures.LexiconKey(word) & mask)] = score;
        }
    }

    public int Bits { get; }

    /// <summary>The words and their quantised scores (score / <see cref="Scale"/> = log-odds), in ordinal order.</summary>
    public IReadOnlyList<(SentimentLexiconWord Word, sbyte Score)> Entries { get; }

    public float this[uint wordHash] => scores[(int)(wordHash & ((1u << Bits) - 1))] / Scale;

    public static SentimentLexicon Empty(int bits = 12) => new(bits, []);

    /// <summary>Counts each word once per tweet in positive and negative examples; neutral examples are ignored.</summary>
    public static SentimentLexicon Build(IEnumerable<LabelledText> examples, int bits)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var counts = new Dictionary<SentimentLexiconWord, (int Positive, int Negative)>();
        var seen = new HashSet<SentimentLexiconWord>();
        long positiveTweets = 0, negativeTweets = 0;
        foreach (var example in examples)
        {
            if (example.Label == SentimentClass.Neutral)
            {
                continue;
            }

            var positive = example.Label == SentimentClass.Positive;
            positiveTweets += positive ? 1 : 0;
            negativeTweets += positive ? 0 : 1;
            seen.Clear();
            foreach (var word in SentimentFeatures.LexiconWords(example.Text))
            {
                if (seen.Add(word))
                {
                    var (p, n) = counts.GetValueOrDefault(word);
                    counts[word] = positive ? (p + 1, n) : (p, n + 1);
                }
            }
        }

        var prior = Math.Log((positiveTweets + 1.0) / (negativeTweets + 1.0));
        var entries = new List<(SentimentLexiconWord, sbyte)>();
        foreach (var (word, (p, n)) in counts)
        {
            if (p + n < MinOccurrences)
            {
                continue;
            }

            var score = (sbyte)Math.Clamp(Math.Round((Math.Log((p + 0.5) / (n + 0.5)) - prior) * Scale), -127, 127);
            if (score != 0)
            {
                entries.Add((word, score));
            }
        }

        entries.Sort((a, b) => a.Item1.Negated != b.Item1.Negated ? a.Item1.Negated.CompareTo(b.Item1.Negated) : string.CompareOrdinal(a.Item1.Word, b.Item1.Word));
        return new SentimentLexicon(bits, entries);
    }

    /// <summary>Writes the word list (the CLI gzips it).</summary>
    public void Save(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"# sentiment lexicon from Sentiment140: word<TAB>negated<TAB>log-odds*{Scale}\n"));
        foreach (var (word, score) in Entries)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{word.Word}\t{(word.Negated ? 1 : 0)}\t{score}\n"));
        }
    }

    public static SentimentLexicon Load(TextReader reader, int bits)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<(SentimentLexiconWord, sbyte)>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length != 3 || parts[1] is not ("0" or "1") || !sbyte.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var score))
            {
                throw new InvalidDataException($"Sentiment lexicon line {lineNumber} is '{line}'; expected 'word<TAB>0|1<TAB>score'. Regenerate it with 'etl-worker train-sentiment'.");
            }

            entries.Add((new SentimentLexiconWord(parts[0], parts[1] == "1"), score));
        }

        return new SentimentLexicon(bits, entries);
    }
}
