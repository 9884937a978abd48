using BenchmarkDotNet.Attributes;
using Etl.Enrichment.Sentiment;

namespace Etl.Benchmarks.Enrichment;

/// <summary>
/// Per-tweet cost of sentiment: the whole call (featurize + prediction), and its two halves apart — our featurizer
/// alone, and the model alone over precomputed vectors, scored directly from its weights (the worker's path) and through
/// ML.NET's PredictionEngine pool (the reference it matches bit for bit).
/// </summary>
[MemoryDiagnoser]
public class SentimentBenchmark
{
    private const int Tweets = 16;
    private readonly string[] texts = BenchmarkTweets.Texts;
    private readonly SentimentPredictor predictor = SentimentPredictor.Default;
    private readonly int[] slots = new int[SentimentFeatures.MaxFeatures];
    private int[][] vectors = [];

    [GlobalSetup]
    public void Setup()
    {
        vectors = texts.Select(t => slots[..predictor.Featurize(t, slots)]).ToArray();
        predictor.Predict(texts[0]);
    }

    [Benchmark(OperationsPerInvoke = Tweets, Baseline = true)]
    public double Predict()
    {
        var total = 0.0;
        foreach (var text in texts)
        {
            total += predictor.Predict(text).Score;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Tweets)]
    public int FeaturizeOnly()
    {
        var total = 0;
        foreach (var text in texts)
        {
            total += predictor.Featurize(text, slots);
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Tweets)]
    public double PredictPrecomputedVector()
    {
        var total = 0.0;
        foreach (var vector in vectors)
        {
            total += predictor.Predict(vector).Score;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Tweets)]
    public double PredictPrecomputedVectorWithEngine()
    {
        var total = 0.0;
        foreach (var vector in vectors)
        {
            total += predictor.PredictWithEngine(vector).Score;
        }

        return total;
    }
}
