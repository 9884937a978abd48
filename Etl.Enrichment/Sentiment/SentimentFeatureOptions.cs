namespace Etl.Enrichment.Sentiment;

/// <summary>
/// What the featurizer emits. The model is trained and served with the same options; <see cref="Default"/> is the set
/// chosen by cross-validation and the one the committed model was trained with.
/// </summary>
public sealed record SentimentFeatureOptions
{
    /// <summary>The options the committed model uses.</summary>
    public static readonly SentimentFeatureOptions Default = new();

    /// <summary>log2 of the feature-vector length: hashed features are folded into 2^Bits slots.</summary>
    public int Bits { get; init; } = 18;

    /// <summary>Shortest character n-gram taken inside each word (0 turns character n-grams off).</summary>
    public int CharGramMin { get; init; } = 3;

    /// <summary>Longest character n-gram taken inside each word.</summary>
    public int CharGramMax { get; init; } = 5;

    /// <summary>Character n-grams see the word's start and end ("^goo", "od$"), so prefixes and suffixes differ from inner grams.</summary>
    public bool WordBoundaries { get; init; } = true;

    /// <summary>Word bigrams (negation-marked inside a negation scope).</summary>
    public bool WordBigrams { get; init; } = true;

    /// <summary>Bucketed summaries of the Sentiment140 lexicon scores (sum, max, min, last, counts).</summary>
    public bool LexiconSummaries { get; init; } = true;

    /// <summary>Each word's (and hashtag word's) cluster ids from the <see cref="SentimentWordClusters"/> table, negation-marked in a negation scope.</summary>
    public bool WordClusters { get; init; } = true;

    /// <summary>With <see cref="WordClusters"/>: pairs of adjacent words' coarsest cluster ids.</summary>
    public bool ClusterBigrams { get; init; }

    public int Dimension => 1 << Bits;

    public SentimentFeatureOptions Validate()
    {
        if (Bits is < 12 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(Bits), Bits, "Feature bits must be between 12 and 24.");
        }

        if (CharGramMin != 0 && (CharGramMin < 1 || CharGramMax < CharGramMin || CharGramMax > 8))
        {
            throw new ArgumentOutOfRangeException(nameof(CharGramMax), $"Character n-grams {CharGramMin}..{CharGramMax} are invalid: use 0 to turn them off, or 1 <= min <= max <= 8.");
        }

        return this;
    }
}
