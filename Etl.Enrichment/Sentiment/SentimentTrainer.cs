namespace Etl.Enrichment.Sentiment;

/// <summary>
/// Trains <see cref="SentimentModel"/> by multinomial logistic regression with AdaGrad over hashed features.
/// Single-threaded with a fixed shuffle generator, so training is reproducible bit for bit.
/// </summary>
public static class SentimentTrainer
{
    /// <param name="examples">Training examples.</param>
    /// <param name="options">Hyper-parameters and seed.</param>
    /// <param name="distant">Distantly labelled positive/negative tweets for the lexicon (may be empty).</param>
    /// <param name="afterEpoch">Called with the epoch number and the model so far (e.g. to print held-out metrics).</param>
    public static SentimentModel Train(IReadOnlyList<LabelledText> examples, IEnumerable<LabelledText> distant, SentimentTrainingOptions options, Action<int, SentimentModel>? afterEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        if (examples.Count == 0)
        {
            throw new ArgumentException("No training examples: check the --data directory holds SemEval *.tsv files.", nameof(examples));
        }

        ArgumentNullException.ThrowIfNull(distant);
        var lexicon = SentimentLexicon.Build(distant, options.LexiconBits);
        var classes = SentimentModel.Classes;
        var mask = (1u << options.Bits) - 1;
        var featureSets = new int[examples.Count][];
        var buffer = new uint[SentimentFeatures.MaxFeatures];
        var classTotals = new double[classes];
        for (var i = 0; i < examples.Count; i++)
        {
            var count = SentimentFeatures.Extract(examples[i].Text, lexicon, buffer);
            var set = new int[count];
            for (var j = 0; j < count; j++)
            {
                set[j] = (int)(buffer[j] & mask) * classes;
            }

            featureSets[i] = set;
            classTotals[(int)examples[i].Label] += examples[i].Weight;
        }

        var classWeights = new float[classes];
        var total = classTotals.Sum();
        for (var c = 0; c < classes; c++)
        {
            classWeights[c] = options.BalanceClasses && classTotals[c] > 0 ? (float)(total / (classes * classTotals[c])) : 1f;
        }

        var weights = new float[classes << options.Bits];
        var squares = new float[weights.Length];
        var biases = new float[classes];
        var biasSquares = new float[classes];
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new SplitMix64(options.Seed);
        Span<float> p = stackalloc float[classes];
        Span<float> g = stackalloc float[classes];

        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            Shuffle(order, ref random);
            foreach (var index in order)
            {
                var set = featureSets[index];
                var example = examples[index];
                for (var c = 0; c < classes; c++)
                {
                    p[c] = biases[c];
                }

                foreach (var offset in set)
                {
                    p[0] += weights[offset];
                    p[1] += weights[offset + 1];
                    p[2] += weights[offset + 2];
                }

                SentimentPredictor.Softmax(p);
                var scale = classWeights[(int)example.Label] * example.Weight;
                for (var c = 0; c < classes; c++)
                {
                    g[c] = (p[c] - (c == (int)example.Label ? 1f : 0f)) * scale;
                    biasSquares[c] += g[c] * g[c];
                    biases[c] -= options.LearningRate * g[c] / MathF.Sqrt(biasSquares[c] + 1e-8f);
                }

                foreach (var offset in set)
                {
                    for (var c = 0; c < classes; c++)
                    {
                        var k = offset + c;
                        var gradient = g[c] + (options.L2 * weights[k]);
                        squares[k] += gradient * gradient;
                        weights[k] -= options.LearningRate * gradient / MathF.Sqrt(squares[k] + 1e-8f);
                    }
                }
            }

            afterEpoch?.Invoke(epoch, new SentimentModel(options.ModelName, options.Bits, (float[])weights.Clone(), (float[])biases.Clone(), lexicon));
        }

        return new SentimentModel(options.ModelName, options.Bits, weights, biases, lexicon);
    }

    private static void Shuffle(int[] order, ref SplitMix64 random)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(random.Next() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>A fixed generator (not System.Random, whose algorithm may change between runtimes).</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong state = seed;

        public ulong Next()
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
