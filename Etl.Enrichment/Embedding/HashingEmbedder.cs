using System.Collections.Frozen;
using Etl.Enrichment.Sentiment;
using Etl.Enrichment.Text;
using Etl.Schemas.Documents;

namespace Etl.Enrichment.Embedding;

/// <summary>
/// The built-in embedder, needing no model and no network: words, word bigrams and character trigrams (so "running"
/// and "runs" overlap) are hashed, weighted (rare-ish content words count, stopwords hardly), and projected to
/// 384 dimensions by a sparse random projection derived from each feature's hash — no table to store, identical
/// on every machine. Vectors are L2-normalised, so cosine similarity is a dot product. Allocates only the result.
/// </summary>
public sealed class HashingEmbedder : IEmbedder
{
    public const string EmbedderName = "hashing-ngram-384-v1";

    /// <summary>Each feature adds ±weight to this many of the 384 dimensions.</summary>
    private const int Spread = 8;

    private const float WordWeight = 1f;
    private const float StopwordWeight = 0.08f;
    private const float BigramWeight = 0.6f;
    private const float TrigramWeight = 0.25f;
    private const float HashtagWeight = 1.3f;
    private const float EmojiWeight = 0.5f;
    private const float MentionWeight = 0.4f;

    private static readonly uint WordSeed = FeatureHash.LowerChars("embed-word", 0xE1);
    private static readonly uint TrigramSeed = FeatureHash.LowerChars("embed-trigram", 0xE1);
    private static readonly uint BigramSeed = FeatureHash.LowerChars("embed-bigram", 0xE1);
    private static readonly uint MentionSeed = FeatureHash.LowerChars("embed-mention", 0xE1);
    private static readonly uint EmptySeed = FeatureHash.LowerChars("embed-empty", 0xE1);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Stopwords = new[]
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "is", "are", "was",
        "were", "be", "been", "am", "it", "its", "it's", "this", "that", "these", "those", "i", "i'm", "me", "my", "we", "our", "you",
        "your", "he", "she", "his", "her", "they", "them", "their", "so", "just", "do", "does", "did", "have", "has", "had", "will",
        "would", "can", "could", "there", "here", "what", "when", "who", "how", "all", "up", "out", "about", "rt", "via", "de", "la",
        "el", "en", "le", "y", "que", "et", "les", "des", "un", "una", "der", "die", "das", "und",
    }.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public static HashingEmbedder Instance { get; } = new();

    public string Name => EmbedderName;

    public int Dimensions => TweetDocument.EmbeddingDimensions;

    public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            vectors[i] = Embed(texts[i]);
        }

        return Task.FromResult<IReadOnlyList<float[]>>(vectors);
    }

    public float[] Embed(ReadOnlySpan<char> text)
    {
        var vector = new float[TweetDocument.EmbeddingDimensions];
        Embed(text, vector);
        return vector;
    }

    /// <summary>Writes the embedding of <paramref name="text"/> into <paramref name="vector"/> (384 floats).</summary>
    public void Embed(ReadOnlySpan<char> text, Span<float> vector)
    {
        if (vector.Length != TweetDocument.EmbeddingDimensions)
        {
            throw new ArgumentException($"The vector must have {TweetDocument.EmbeddingDimensions} dimensions, not {vector.Length}.", nameof(vector));
        }

        vector.Clear();
        Span<Token> tokens = stackalloc Token[SentimentFeatures.MaxTokens];
        Span<char> word = stackalloc char[64];
        var count = TweetTokenizer.Tokenize(text, tokens);
        var previous = 0u;
        for (var t = 0; t < count; t++)
        {
            var token = tokens[t];
            var span = token.In(text);
            switch (token.Kind)
            {
                case TokenKind.Word:
                case TokenKind.Hashtag:
                    {
                        var body = token.Kind == TokenKind.Hashtag ? span[1..] : span;
                        var length = Lower(body, word);
                        var lowered = word[..length];
                        var stop = Stopwords.Contains(lowered);
                        var hash = FeatureHash.LowerChars(lowered, WordSeed);
                        Add(vector, hash, token.Kind == TokenKind.Hashtag ? HashtagWeight : stop ? StopwordWeight : WordWeight);
                        if (!stop)
                        {
                            if (previous != 0)
                            {
                                Add(vector, FeatureHash.Combine(FeatureHash.Combine(previous, hash), BigramSeed), BigramWeight);
                            }

                            AddTrigrams(vector, lowered);
                            previous = hash;
                        }

                        break;
                    }

                case TokenKind.Emoji:
                case TokenKind.Emoticon:
                    Add(vector, FeatureHash.LowerChars(span, WordSeed), EmojiWeight);
                    break;

                case TokenKind.Mention:
                    Add(vector, FeatureHash.LowerChars(span, MentionSeed), MentionWeight);
                    break;

                case TokenKind.ClauseBreak:
                case TokenKind.Exclamation:
                    previous = 0;
                    break;

                default:
                    break;
            }
        }

        Normalize(vector);
    }

    private static int Lower(ReadOnlySpan<char> source, Span<char> target)
    {
        var n = Math.Min(source.Length, target.Length);
        for (var i = 0; i < n; i++)
        {
            target[i] = FeatureHash.Lower(source[i] == '\u2019' ? '\'' : source[i]);
        }

        return n;
    }

    private static void AddTrigrams(Span<float> vector, ReadOnlySpan<char> word)
    {
        if (word.Length < 4)
        {
            return;
        }

        for (var i = 0; i + 3 <= word.Length; i++)
        {
            Add(vector, FeatureHash.LowerChars(word.Slice(i, 3), TrigramSeed), TrigramWeight);
        }
    }

    /// <summary>Sparse random projection: the feature's hash seeds which dimensions it touches and with which sign.</summary>
    private static void Add(Span<float> vector, uint hash, float weight)
    {
        var state = hash | ((ulong)hash << 32);
        for (var k = 0; k < Spread; k++)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            var bits = (uint)(state >> 33);
            var dimension = (int)(bits % (uint)vector.Length);
            vector[dimension] += (bits & 0x40000000) != 0 ? weight : -weight;
        }
    }

    private static void Normalize(Span<float> vector)
    {
        var norm = Norm(vector);
        if (norm < 1e-6f)
        {
            // A text with nothing to embed still needs a valid unit vector: Elasticsearch rejects zero vectors under cosine similarity.
            Add(vector, EmptySeed, 1f);
            norm = Norm(vector);
        }

        var scale = 1f / norm;
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }

    private static float Norm(ReadOnlySpan<float> vector)
    {
        var sum = 0f;
        foreach (var value in vector)
        {
            sum += value * value;
        }

        return MathF.Sqrt(sum);
    }
}
