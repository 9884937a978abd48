using Etl.Enrichment.Sentiment;

namespace Etl.Enrichment.Tests.Sentiment;

public class SentimentTrainerTests
{
    private static readonly LabelledText[] Examples =
    [
        new("I love it, wonderful and great", SentimentClass.Positive),
        new("what a great happy day", SentimentClass.Positive),
        new("awesome, love this", SentimentClass.Positive),
        new("I hate it, awful and terrible", SentimentClass.Negative),
        new("what a terrible sad day", SentimentClass.Negative),
        new("awful, hate this", SentimentClass.Negative),
        new("the meeting is at noon on Tuesday", SentimentClass.Neutral),
        new("the report lists the quarterly numbers", SentimentClass.Neutral),
        new("the train leaves at nine", SentimentClass.Neutral),
    ];

    private static readonly LabelledText[] Distant =
    [
        new("love love great", SentimentClass.Positive), new("great fun love", SentimentClass.Positive), new("happy love great", SentimentClass.Positive),
        new("love it great", SentimentClass.Positive), new("so great love", SentimentClass.Positive),
        new("hate awful", SentimentClass.Negative), new("awful hate sad", SentimentClass.Negative), new("sad hate awful", SentimentClass.Negative),
        new("hate it awful", SentimentClass.Negative), new("so awful hate", SentimentClass.Negative),
    ];

    private static readonly string[] Probes = ["great, I love it", "awful, I hate it", "the train leaves on Tuesday", "not great", ""];

    private static readonly SentimentTrainingOptions Options = new()
    {
        Features = SentimentFeatureOptions.Default with { Bits = 14 },
        LexiconBits = 12,
        L1 = 0.01f,
        L2 = 0.01f,
    };

    private static SentimentResult[] Scores(SentimentModel model)
    {
        var predictor = new SentimentPredictor(model);
        return Probes.Select(p => predictor.Predict(p)).ToArray();
    }

    private static SentimentModel RoundTrip(SentimentModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        using var text = new StringWriter();
        model.Lexicon.Save(text);
        stream.Position = 0;
        return SentimentModel.Load(stream, SentimentLexicon.Load(new StringReader(text.ToString()), Options.LexiconBits), Options.Features, model.Name);
    }

    [Theory]
    [InlineData(SentimentTrainerKind.OvaLogisticRegression)]
    [InlineData(SentimentTrainerKind.LbfgsMaximumEntropy)]
    [InlineData(SentimentTrainerKind.SdcaMaximumEntropy)]
    [InlineData(SentimentTrainerKind.OvaLinearSvm)]
    public void EachTrainer_LearnsItsExamples_AndScoresAsTheEngineDoes(SentimentTrainerKind trainer)
    {
        var options = trainer switch
        {
            SentimentTrainerKind.SdcaMaximumEntropy => Options with { Trainer = trainer, L2 = 1e-5f, Iterations = 200 },
            SentimentTrainerKind.OvaLinearSvm => Options with { Trainer = trainer, L2 = 1e-3f },
            _ => Options with { Trainer = trainer },
        };
        var predictor = new SentimentPredictor(SentimentTrainer.Train(Examples, Distant, options));

        Assert.Equal(SentimentClass.Positive, predictor.Predict("great, I love it").Class);
        Assert.Equal(SentimentClass.Negative, predictor.Predict("awful, I hate it").Class);
        Assert.Equal(SentimentClass.Neutral, predictor.Predict("the train leaves on Tuesday").Class);

        // Linear one-versus-all models are scored from their weights; whatever the path, the engine's answer comes out.
        if (trainer is SentimentTrainerKind.OvaLogisticRegression or SentimentTrainerKind.LbfgsMaximumEntropy or SentimentTrainerKind.SdcaMaximumEntropy)
        {
            Assert.Equal(trainer == SentimentTrainerKind.OvaLogisticRegression, predictor.ScoresDirectly);
        }

        var slots = new int[SentimentFeatures.MaxFeatures];
        foreach (var probe in Probes.Concat(Examples.Select(e => e.Text)))
        {
            var vector = slots.AsSpan(0, predictor.Featurize(probe, slots));
            Assert.Equal(predictor.PredictWithEngine(vector), predictor.Predict(vector));
        }
    }

    [Fact]
    public void SameDataAndSeed_GiveTheSamePredictions() =>
        Assert.Equal(Scores(SentimentTrainer.Train(Examples, Distant, Options)), Scores(SentimentTrainer.Train(Examples, Distant, Options)));

    [Fact]
    public void SavedModel_ScoresLikeTheTrainedOne()
    {
        var model = SentimentTrainer.Train(Examples, Distant, Options);
        var loaded = RoundTrip(model);

        Assert.Equal(Scores(model), Scores(loaded));
        Assert.Equal(model.Lexicon.Entries, loaded.Lexicon.Entries);
        Assert.NotEmpty(loaded.Lexicon.Entries);
    }

    [Fact]
    public void LoadingSomethingElse_SaysWhatToDo()
    {
        using var stream = new MemoryStream("NOTAMODEL"u8.ToArray());
        var error = Assert.Throws<InvalidDataException>(() => SentimentModel.Load(stream, SentimentLexicon.Empty(), Options.Features, "x"));
        Assert.Contains("train-sentiment", error.Message);
    }

    [Fact]
    public void LoadingAModelForOtherFeatures_SaysWhatToDo()
    {
        using var stream = new MemoryStream();
        SentimentTrainer.Train(Examples, Distant, Options).Save(stream);
        stream.Position = 0;

        var error = Assert.Throws<InvalidDataException>(() => SentimentModel.Load(stream, SentimentLexicon.Empty(), Options.Features with { Bits = 15 }, "x"));
        Assert.Contains("32768 slots", error.Message);
        Assert.Contains("train-sentiment", error.Message);
    }

    [Fact]
    public void BadLexiconLine_NamesTheLine() =>
        Assert.Contains("line 2", Assert.Throws<InvalidDataException>(() => SentimentLexicon.Load(new StringReader("# header\ngood\tyes\t12\n"), 12)).Message);

    [Theory]
    [InlineData("123\tpositive\tGas by my house hit $3.39\\u002c yay\t", SentimentClass.Positive, "Gas by my house hit $3.39, yay")]
    [InlineData("123\tnegative\t\"quoted &amp; \"\"escaped\"\"\"", SentimentClass.Negative, "quoted & \"escaped\"")]
    public void SemEvalLines_AreDecoded(string line, SentimentClass label, string text)
    {
        Assert.True(TrainingCorpus.TryParseSemEval(line, out var example));
        Assert.Equal(new LabelledText(text, label), example);
    }

    [Fact]
    public void SemEvalLinesWithUnknownLabels_AreRejected() => Assert.False(TrainingCorpus.TryParseSemEval("1\tmixed\ttext", out _));
}
