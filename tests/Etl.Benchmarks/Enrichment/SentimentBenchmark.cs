using BenchmarkDotNet.Attributes;
using Etl.Enrichment.Sentiment;

namespace Etl.Benchmarks.Enrichment;

/// <summary>Per-tweet cost of sentiment prediction (tokenize, hash features, score, softmax).</summary>
[MemoryDiagnoser]
public class SentimentBenchmark
{
    private const int Tweets = 16;
    private readonly string[] texts = BenchmarkTweets.Texts;
    private readonly SentimentPredictor predictor = SentimentPredictor.Default;

    [Benchmark(OperationsPerInvoke = Tweets)]
    public double Predict()
    {
        var total = 0.0;
        foreach (var text in texts)
        {
            total += predictor.Predict(text).Score;
        }

        return total;
    }
}
