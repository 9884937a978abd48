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

    private static readonly SentimentTrainingOptions Options = new() { Bits = 14, LexiconBits = 12, Epochs = 20, LearningRate = 0.1f };

    private static byte[] Bytes(SentimentModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void SameDataAndSeed_GiveTheSameModelBytes() =>
        Assert.Equal(Bytes(SentimentTrainer.Train(Examples, Distant, Options)), Bytes(SentimentTrainer.Train(Examples, Distant, Options)));

    [Fact]
    public void TrainedModel_LearnsItsExamples_AndSurvivesSaveAndLoad()
    {
        var model = SentimentTrainer.Train(Examples, Distant, Options);
        using var stream = new MemoryStream(Bytes(model));
        var loaded = new SentimentPredictor(SentimentModel.Load(stream));

        Assert.Equal(SentimentClass.Positive, loaded.Predict("great, I love it").Class);
        Assert.Equal(SentimentClass.Negative, loaded.Predict("awful, I hate it").Class);
        Assert.Equal(SentimentClass.Neutral, loaded.Predict("the train leaves on Tuesday").Class);
        Assert.Equal(model.Name, loaded.Model.Name);
    }

    [Fact]
    public void LoadingSomethingElse_SaysWhatToDo()
    {
        using var stream = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("NOTAMODEL"u8);
        }

        stream.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => SentimentModel.Load(stream));
        Assert.Contains("train-sentiment", error.Message);
    }

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
