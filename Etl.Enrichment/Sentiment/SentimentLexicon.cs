namespace Etl.Enrichment.Sentiment;

/// <summary>
/// A word polarity lexicon learned from distantly supervised tweets (Sentiment140, labelled by emoticons):
/// for each hashed word (negated words hash separately) the log-odds of appearing in a positive rather than a
/// negative tweet, quantised to 1/16. The model sees it through bucketed summary features, which carry signal
/// from 100,000 extra tweets into a model trained on far fewer human labels.
/// </summary>
public sealed class SentimentLexicon
{
    public const float Scale = 16f;
    private const int MinOccurrences = 5;
    private readonly sbyte[] scores;

    public SentimentLexicon(int bits, sbyte[] scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Length != 1 << bits)
        {
            throw new ArgumentException($"Expected {1 << bits} lexicon entries for {bits} bits, got {scores.Length}.", nameof(scores));
        }

        Bits = bits;
        this.scores = scores;
    }

    public int Bits { get; }

    internal ReadOnlySpan<sbyte> Scores => scores;

    public float this[uint wordHash] => scores[(int)(wordHash & ((1u << Bits) - 1))] / Scale;

    public static SentimentLexicon Empty(int bits) => new(bits, new sbyte[1 << bits]);

    /// <summary>Counts each word once per tweet in positive and negative examples; neutral examples are ignored.</summary>
    public static SentimentLexicon Build(IEnumerable<LabelledText> examples, int bits)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var size = 1 << bits;
        var positive = new int[size];
        var negative = new int[size];
        var seen = new HashSet<int>();
        var buffer = new uint[SentimentFeatures.MaxTokens];
        long positiveTweets = 0, negativeTweets = 0;
        foreach (var example in examples)
        {
            if (example.Label == SentimentClass.Neutral)
            {
                continue;
            }

            var counts = example.Label == SentimentClass.Positive ? positive : negative;
            if (example.Label == SentimentClass.Positive)
            {
                positiveTweets++;
            }
            else
            {
                negativeTweets++;
            }

            seen.Clear();
            var words = SentimentFeatures.LexiconKeys(example.Text, buffer);
            foreach (var key in buffer.AsSpan(0, words))
            {
                var bucket = (int)(key & (uint)(size - 1));
                if (seen.Add(bucket))
                {
                    counts[bucket]++;
                }
            }
        }

        var prior = Math.Log((positiveTweets + 1.0) / (negativeTweets + 1.0));
        var scores = new sbyte[size];
        for (var i = 0; i < size; i++)
        {
            if (positive[i] + negative[i] < MinOccurrences)
            {
                continue;
            }

            var logOdds = Math.Log((positive[i] + 0.5) / (negative[i] + 0.5)) - prior;
            scores[i] = (sbyte)Math.Clamp(Math.Round(logOdds * Scale), -127, 127);
        }

        return new SentimentLexicon(bits, scores);
    }
}
