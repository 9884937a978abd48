using Etl.Enrichment.Text;

namespace Etl.Enrichment.Sentiment;

/// <summary>
/// Turns a tweet into hashed sparse features for the sentiment model: word unigrams and bigrams with negation
/// scope, character n-grams with word boundaries, hashtags (as tags and as words), emoticon and emoji identities and
/// polarity, elongation ("soooo"), all-caps words, punctuation runs and bucketed lexicon summaries.
/// <see cref="Vectorize"/> folds them into the sorted sparse vector the ML.NET model reads. Allocation-free; thread-safe.
/// </summary>
/// <remarks>
/// This stays ours rather than ML.NET's <c>FeaturizeText</c>: it knows tweets (mentions, URLs, emoticons, emoji,
/// negation scope, elongation), costs a few microseconds instead of 37–63 µs, and scored higher.
/// </remarks>
public static class SentimentFeatures
{
    /// <summary>Upper bound on tokens considered; longer texts keep their first tokens.</summary>
    public const int MaxTokens = 256;

    /// <summary>Upper bound on features per text (a 280-character tweet yields a few hundred).</summary>
    public const int MaxFeatures = 4096;

    private const int MaxWord = 48;

    private static readonly uint Unigram = Salt("unigram");
    private static readonly uint Bigram = Salt("bigram");
    private static readonly uint CharGram = Salt("chargram");
    private static readonly uint Negated = Salt("negated");
    private static readonly uint HashtagSeed = Salt("hashtag");
    private static readonly uint EmojiSeed = Salt("emoji");
    private static readonly uint EmoticonSeed = Salt("emoticon");
    private static readonly uint Start = Salt("<s>");
    private static readonly uint End = Salt("</s>");
    private static readonly uint MentionToken = Salt("@user");
    private static readonly uint UrlToken = Salt("http://url");
    private static readonly uint NumberToken = Salt("<number>");
    private static readonly uint BreakToken = Salt("<break>");
    private static readonly uint Bias = Salt("<bias>");
    private static readonly uint LexiconSum = Salt("<lexicon-sum>");
    private static readonly uint LexiconMax = Salt("<lexicon-max>");
    private static readonly uint LexiconMin = Salt("<lexicon-min>");
    private static readonly uint LexiconLast = Salt("<lexicon-last>");
    private static readonly uint LexiconCounts = Salt("<lexicon-counts>");
    private static readonly uint ElongatedMark = Salt("<elongated>");
    private static readonly uint QuestionExclamation = Salt("?!");
    private static readonly uint Question = Salt("?");
    private static readonly uint ExclamationMark = Salt("!");
    private static readonly uint Repeated = Salt("<repeated>");
    private static readonly uint CapsCount = Salt("<caps>");
    private static readonly uint ElongationCount = Salt("<elongations>");
    private static readonly uint FaceCounts = Salt("<faces>");
    private static readonly uint LastFace = Salt("<last-face>");
    private static readonly uint LastKind = Salt("<last-kind>");
    private static readonly uint ClusterSeed = Salt("<cluster>");
    private static readonly uint ClusterBigram = Salt("<cluster-bigram>");

    private static uint Salt(string name) => FeatureHash.LowerChars(name, 0x5EED);

    /// <summary>
    /// Writes the features of <paramref name="text"/> as ascending, distinct slots of a 2^<see cref="SentimentFeatureOptions.Bits"/>
    /// vector into <paramref name="indices"/> (length at least <see cref="MaxFeatures"/>); every present feature has value 1. Returns the count.
    /// </summary>
    public static int Vectorize(ReadOnlySpan<char> text, SentimentLexicon lexicon, SentimentWordClusters clusters, SentimentFeatureOptions options, Span<int> indices)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hashes = System.Runtime.InteropServices.MemoryMarshal.Cast<int, uint>(indices);
        var count = Extract(text, lexicon, clusters, options, hashes);
        var mask = (uint)options.Dimension - 1;
        for (var i = 0; i < count; i++)
        {
            hashes[i] &= mask;
        }

        var slots = indices[..count];
        SortSlots(slots, options.Bits);
        var distinct = 0;
        for (var i = 0; i < count; i++)
        {
            if (distinct == 0 || slots[i] != slots[distinct - 1])
            {
                slots[distinct++] = slots[i];
            }
        }

        return distinct;
    }

    /// <summary>
    /// Sorts slot numbers below 2^<paramref name="bits"/> ascending: a least-significant-digit radix sort in two or three
    /// passes, which for the few hundred slots of a tweet took half the time of <c>Span.Sort</c> (the biggest single cost
    /// of featurizing). The result is the same ascending order, so the vector the model reads does not change.
    /// </summary>
    private static void SortSlots(Span<int> slots, int bits)
    {
        if (slots.Length <= 32)
        {
            slots.Sort();
            return;
        }

        var passes = bits <= 18 ? 2 : 3;
        var digitBits = (bits + passes - 1) / passes;
        var buckets = 1 << digitBits;
        var digitMask = buckets - 1;
        int[]? rented = null;
        var scratch = slots.Length <= 1024 ? stackalloc int[slots.Length] : (rented = System.Buffers.ArrayPool<int>.Shared.Rent(slots.Length)).AsSpan(0, slots.Length);
        Span<int> counts = stackalloc int[buckets];

        // Even passes move slots into scratch, odd passes back.
        for (var pass = 0; pass < passes; pass++)
        {
            if (pass % 2 == 0)
            {
                RadixPass(slots, scratch, pass * digitBits, digitMask, counts);
            }
            else
            {
                RadixPass(scratch, slots, pass * digitBits, digitMask, counts);
            }
        }

        if (passes % 2 == 1)
        {
            scratch.CopyTo(slots);
        }

        if (rented is not null)
        {
            System.Buffers.ArrayPool<int>.Shared.Return(rented);
        }
    }

    private static void RadixPass(ReadOnlySpan<int> from, Span<int> to, int shift, int digitMask, Span<int> counts)
    {
        counts.Clear();
        foreach (var slot in from)
        {
            counts[(slot >> shift) & digitMask]++;
        }

        var start = 0;
        for (var b = 0; b < counts.Length; b++)
        {
            var n = counts[b];
            counts[b] = start;
            start += n;
        }

        foreach (var slot in from)
        {
            to[counts[(slot >> shift) & digitMask]++] = slot;
        }
    }

    /// <summary>Writes feature hashes for <paramref name="text"/> into <paramref name="features"/> (length <see cref="MaxFeatures"/>); returns the count.</summary>
    public static int Extract(ReadOnlySpan<char> text, SentimentLexicon lexicon, SentimentWordClusters clusters, SentimentFeatureOptions options, Span<uint> features)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(options);
        var clusterLevels = options.WordClusters ? clusters.Levels.Count : 0;
        var clusterBigrams = clusterLevels > 0 && options.ClusterBigrams;
        var gramMin = options.CharGramMin;
        var gramMax = options.CharGramMax;
        var boundaries = options.WordBoundaries;
        var bigrams = options.WordBigrams;
        Span<Token> tokens = stackalloc Token[MaxTokens];
        Span<char> word = stackalloc char[MaxWord + 2];
        var tokenCount = TweetTokenizer.Tokenize(text, tokens);
        var n = 0;
        // Room after the last token for its fixed features and the summaries (more when each word adds cluster ids).
        var limit = features.Length - (clusterLevels > 0 ? 16 + clusterLevels + 1 : 16);
        var previousCluster = -1;

        features[n++] = Bias;
        var previous = Start;
        var negated = false;
        var capsWords = 0;
        var elongatedWords = 0;
        var positiveFaces = 0;
        var negativeFaces = 0;
        var lastPolarity = 0;
        var lexiconSum = 0f;
        var lexiconMax = 0f;
        var lexiconMin = 0f;
        var lexiconLast = 0f;
        var lexiconPositive = 0;
        var lexiconNegative = 0;

        for (var t = 0; t < tokenCount && n < limit; t++)
        {
            var token = tokens[t];
            var span = token.In(text);
            uint current;
            switch (token.Kind)
            {
                case TokenKind.Word:
                    {
                        var length = Normalize(span, word, out var elongated, out var allCaps);
                        var normalized = word[..length];
                        elongatedWords += elongated ? 1 : 0;
                        capsWords += allCaps ? 1 : 0;
                        var wordHash = FeatureHash.LowerChars(normalized, Unigram);
                        current = negated ? FeatureHash.Combine(wordHash, Negated) : wordHash;
                        features[n++] = current;
                        Accumulate(lexicon[current], ref lexiconSum, ref lexiconMax, ref lexiconMin, ref lexiconLast, ref lexiconPositive, ref lexiconNegative);
                        if (clusterLevels > 0)
                        {
                            n = AddClusters(clusters[wordHash], negated, clusterBigrams, ref previousCluster, features, n);
                        }

                        if (gramMin > 0)
                        {
                            n = AddCharGrams(normalized, gramMin, gramMax, boundaries, features, n, limit);
                        }
                        if (Negation.IsNegator(normalized))
                        {
                            negated = true;
                        }

                        if (elongated)
                        {
                            features[n++] = FeatureHash.Combine(wordHash, ElongatedMark);
                        }

                        break;
                    }

                case TokenKind.Hashtag:
                    {
                        var length = Normalize(span[1..], word, out _, out _);
                        var wordHash = FeatureHash.LowerChars(word[..length], Unigram);
                        current = FeatureHash.Combine(wordHash, HashtagSeed);
                        features[n++] = current;
                        features[n++] = wordHash;
                        Accumulate(lexicon[wordHash], ref lexiconSum, ref lexiconMax, ref lexiconMin, ref lexiconLast, ref lexiconPositive, ref lexiconNegative);
                        if (clusterLevels > 0)
                        {
                            n = AddClusters(clusters[wordHash], false, clusterBigrams, ref previousCluster, features, n);
                        }

                        break;
                    }

                case TokenKind.Mention:
                    current = MentionToken;
                    features[n++] = current;
                    break;

                case TokenKind.Url:
                    current = UrlToken;
                    features[n++] = current;
                    break;

                case TokenKind.Number:
                    current = NumberToken;
                    features[n++] = current;
                    break;

                case TokenKind.Emoticon:
                    {
                        current = FeatureHash.LowerChars(span, EmoticonSeed);
                        features[n++] = current;
                        lastPolarity = Emoticons.PolarityOf(span);
                        positiveFaces += lastPolarity > 0 ? 1 : 0;
                        negativeFaces += lastPolarity < 0 ? 1 : 0;
                        break;
                    }

                case TokenKind.Emoji:
                    current = FeatureHash.LowerChars(StripModifiers(span), EmojiSeed);
                    features[n++] = current;
                    break;

                case TokenKind.Exclamation:
                    current = span.Contains('?') ? (span.Contains('!') ? QuestionExclamation : Question) : ExclamationMark;
                    features[n++] = span.Length > 1 ? FeatureHash.Combine(current, Repeated) : current;
                    negated = false;
                    break;

                default:
                    current = BreakToken;
                    negated = false;
                    break;
            }

            if (bigrams)
            {
                features[n++] = FeatureHash.Combine(FeatureHash.Combine(previous, current), Bigram);
            }

            if (token.Kind is not (TokenKind.Word or TokenKind.Hashtag))
            {
                previousCluster = -1;
            }

            previous = current;
        }

        if (bigrams)
        {
            features[n++] = FeatureHash.Combine(FeatureHash.Combine(previous, End), Bigram);
        }

        features[n++] = FeatureHash.Combine(CapsCount, (uint)Math.Min(capsWords, 3));
        features[n++] = FeatureHash.Combine(ElongationCount, (uint)Math.Min(elongatedWords, 2));
        features[n++] = FeatureHash.Combine(FaceCounts, (uint)(Math.Min(positiveFaces, 2) * 3 + Math.Min(negativeFaces, 2)));
        features[n++] = FeatureHash.Combine(LastFace, (uint)(lastPolarity + 1));
        if (tokenCount > 0)
        {
            features[n++] = FeatureHash.Combine(LastKind, (uint)tokens[tokenCount - 1].Kind);
        }

        if (!options.LexiconSummaries)
        {
            return n;
        }

        // Lexicon summaries as one-hot buckets: the linear model learns its own response to each level.
        features[n++] = FeatureHash.Combine(LexiconSum, Bucket(lexiconSum, 1.5f, 8));
        features[n++] = FeatureHash.Combine(LexiconMax, Bucket(lexiconMax, 2f, 6));
        features[n++] = FeatureHash.Combine(LexiconMin, Bucket(lexiconMin, 2f, 6));
        features[n++] = FeatureHash.Combine(LexiconLast, Bucket(lexiconLast, 2f, 6));
        features[n++] = FeatureHash.Combine(LexiconCounts, (uint)(Math.Min(lexiconPositive, 4) * 5 + Math.Min(lexiconNegative, 4)));
        return n;
    }

    /// <summary>
    /// The words the lexicon is built over, in order: each word normalised as the features see it (negation-marked
    /// inside a negation scope) and each hashtag's word. Training-time only (allocates a string per word).
    /// </summary>
    public static IEnumerable<SentimentLexiconWord> LexiconWords(string text)
    {
        var tokens = new Token[MaxTokens];
        var word = new char[MaxWord + 2];
        var tokenCount = TweetTokenizer.Tokenize(text, tokens);
        var negated = false;
        for (var t = 0; t < tokenCount; t++)
        {
            var token = tokens[t];
            switch (token.Kind)
            {
                case TokenKind.Word:
                    {
                        var normalized = new string(word.AsSpan(0, Normalize(token.In(text), word, out _, out _)));
                        yield return new SentimentLexiconWord(normalized, negated);
                        negated |= Negation.IsNegator(normalized);
                        break;
                    }

                case TokenKind.Hashtag:
                    yield return new SentimentLexiconWord(new string(word.AsSpan(0, Normalize(token.In(text)[1..], word, out _, out _))), false);
                    break;

                case TokenKind.Exclamation:
                case TokenKind.ClauseBreak:
                    negated = false;
                    break;

                default:
                    break;
            }
        }
    }

    /// <summary>The unigram feature hash of a normalised word: the key <see cref="SentimentWordClusters"/> looks words up by.</summary>
    public static uint WordKey(string word) => FeatureHash.LowerChars(word, Unigram);

    /// <summary>
    /// One feature per cluster level (negation-marked inside a negation scope), and with <paramref name="bigrams"/> the pair
    /// of this and the previous word's coarsest clusters; a word outside the table adds nothing and breaks the pair chain.
    /// </summary>
    private static int AddClusters(ReadOnlySpan<ushort> ids, bool negated, bool bigrams, ref int previousCluster, Span<uint> features, int n)
    {
        if (ids.IsEmpty)
        {
            previousCluster = -1;
            return n;
        }

        for (var level = 0; level < ids.Length; level++)
        {
            var feature = FeatureHash.Combine(ClusterSeed, ((uint)level << 16) | ids[level]);
            features[n++] = negated ? FeatureHash.Combine(feature, Negated) : feature;
        }

        if (bigrams && previousCluster >= 0)
        {
            features[n++] = FeatureHash.Combine(FeatureHash.Combine(ClusterBigram, (uint)previousCluster), ids[0]);
        }

        previousCluster = ids[0];
        return n;
    }

    /// <summary>The key a lexicon word is looked up by: the word's unigram feature hash, negation-marked when negated.</summary>
    public static uint LexiconKey(SentimentLexiconWord word)
    {
        var hash = FeatureHash.LowerChars(word.Word, Unigram);
        return word.Negated ? FeatureHash.Combine(hash, Negated) : hash;
    }

    private static void Accumulate(float score, ref float sum, ref float max, ref float min, ref float last, ref int positive, ref int negative)
    {
        if (score == 0)
        {
            return;
        }

        sum += score;
        max = Math.Max(max, score);
        min = Math.Min(min, score);
        last = score;
        positive += score > 0.5f ? 1 : 0;
        negative += score < -0.5f ? 1 : 0;
    }

    /// <summary>Maps a value to one of 2·<paramref name="half"/>+1 buckets of width 1/<paramref name="resolution"/> around zero.</summary>
    private static uint Bucket(float value, float resolution, int half) =>
        (uint)(Math.Clamp((int)MathF.Round(value * resolution), -half, half) + half);

    /// <summary>Lower-cases, and squeezes runs of 3+ identical letters to 2 ("soooo" → "soo"), noting elongation and all-caps.</summary>
    private static int Normalize(ReadOnlySpan<char> source, Span<char> target, out bool elongated, out bool allCaps)
    {
        elongated = false;
        var upper = 0;
        var letters = 0;
        var n = 0;
        var run = 0;
        var last = '\0';
        var max = Math.Min(source.Length, MaxWord);
        for (var i = 0; i < max; i++)
        {
            var c = source[i];
            if (char.IsLetter(c))
            {
                letters++;
                upper += char.IsUpper(c) ? 1 : 0;
            }

            var lower = FeatureHash.Lower(c == '\u2019' ? '\'' : c);
            run = lower == last ? run + 1 : 1;
            last = lower;
            if (run >= 3 && char.IsLetter(c))
            {
                elongated = true;
                continue;
            }

            target[n++] = lower;
        }

        allCaps = letters >= 2 && upper == letters;
        return n;
    }

    private static int AddCharGrams(ReadOnlySpan<char> word, int min, int max, bool boundaries, Span<uint> features, int n, int limit)
    {
        Span<char> padded = stackalloc char[MaxWord + 2];
        scoped ReadOnlySpan<char> grams = word;
        if (boundaries)
        {
            padded[0] = '^';
            word.CopyTo(padded[1..]);
            padded[word.Length + 1] = '$';
            grams = padded[..(word.Length + 2)];
        }

        // The n-grams starting at one position share their prefix: hash each position once up to the longest size
        // (FNV's state after k characters is the k-gram's), then emit size by size as before, so the order, and with it
        // which features survive the MaxFeatures cut, stays what the model was trained on.
        var longest = Math.Min(max, grams.Length);
        if (longest < min)
        {
            return n;
        }

        var sizes = longest - min + 1;
        // Sized to the word (at most 50 positions × 8 sizes): a fixed 1.6 KB buffer zeroed per word cost more than it saved.
        Span<uint> hashed = stackalloc uint[grams.Length * sizes];
        for (var i = 0; i + min <= grams.Length; i++)
        {
            var state = FeatureHash.Begin(CharGram);
            for (var size = 1; size <= longest && i + size <= grams.Length; size++)
            {
                state = FeatureHash.Step(state, grams[i + size - 1]);
                if (size >= min)
                {
                    hashed[(i * sizes) + size - min] = FeatureHash.Combine(FeatureHash.Mix(state), (uint)size);
                }
            }
        }

        for (var size = min; size <= longest; size++)
        {
            for (var i = 0; i + size <= grams.Length && n < limit; i++)
            {
                features[n++] = hashed[(i * sizes) + size - min];
            }
        }

        return n;
    }

    /// <summary>Skin tones and the emoji variation selector do not change sentiment: 👍🏽 and 👍 share a feature.</summary>
    private static ReadOnlySpan<char> StripModifiers(ReadOnlySpan<char> emoji)
    {
        var end = emoji.Length;
        while (end > 0 && (emoji[end - 1] == '\uFE0F' || (end >= 2 && emoji[end - 2] == '\uD83C' && emoji[end - 1] is >= '\uDFFB' and <= '\uDFFF')))
        {
            end -= emoji[end - 1] == '\uFE0F' ? 1 : 2;
        }

        return end == 0 ? emoji : emoji[..end];
    }
}
