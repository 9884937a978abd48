using Etl.Enrichment.Sentiment;
using Etl.Testing.Reference;

namespace Etl.Enrichment.Tests.Sentiment;

public class SentimentPredictorTests
{
    private static readonly SentimentPredictor Predictor = SentimentPredictor.Default;

    [Theory]
    [InlineData("I love this so much, best day ever! :)")]
    [InlineData("Sooooo happy with my new phone 😍😍")]
    [InlineData("Congrats to the team, amazing win tonight!!")]
    public void ClearlyPositiveTweets_ArePositive(string text)
    {
        var result = Predictor.Predict(text);

        Assert.Equal(SentimentClass.Positive, result.Class);
        Assert.True(result.Score > 0.2, $"score {result.Score}");
    }

    [Theory]
    [InlineData("This is the worst service ever, I hate it :(")]
    [InlineData("My flight got cancelled again. Absolutely furious 😡")]
    [InlineData("so sad and disappointed, terrible news")]
    public void ClearlyNegativeTweets_AreNegative(string text)
    {
        var result = Predictor.Predict(text);

        Assert.Equal(SentimentClass.Negative, result.Class);
        Assert.True(result.Score < -0.2, $"score {result.Score}");
    }

    [Fact]
    public void Negation_FlipsTheScore()
    {
        Assert.True(Predictor.Predict("the movie was not good").Score < Predictor.Predict("the movie was good").Score - 0.3);
    }

    [Fact]
    public void ScoresAreBounded_AndProbabilitiesSumToOne()
    {
        foreach (var text in new[] { "", "   ", "!!!!", new string('a', 5000), "@user http://t.co/x #tag $AAPL 12345" })
        {
            var result = Predictor.Predict(text);
            Assert.InRange(result.Score, -1, 1);
            Assert.Equal(1.0, result.Negative + result.Neutral + result.Positive, 4);
        }
    }

    [SkippableFact]
    public void HeldOutSemEval2016Test_MacroRecallIsAtLeast062()
    {
        var file = ReferenceData.PathTo("sentiment_training/semeval2013-2016_task4a/twitter-2016test-A.tsv");
        Skip.If(file is null, "shared/reference/sentiment_training is not beside this checkout.");
        var examples = File.ReadLines(file).Select(line => TrainingCorpus.TryParseSemEval(line, out var e) ? e : null).OfType<LabelledText>().ToList();

        var metrics = SentimentMetrics.Evaluate(Predictor, examples);

        Assert.True(examples.Count > 20000);
        Assert.True(metrics.MacroRecall >= 0.62, $"macro-averaged recall {metrics.MacroRecall:F4}");
    }
}
