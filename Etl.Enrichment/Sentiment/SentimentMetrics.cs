namespace Etl.Enrichment.Sentiment;

/// <summary>
/// Held-out quality: macro-averaged recall (SemEval 2016 Task 4A's primary measure), macro-F1 over the three
/// classes, F1-PN (the mean F1 of positive and negative, SemEval's secondary measure) and accuracy.
/// </summary>
public sealed record SentimentMetrics(int Count, double MacroRecall, double MacroF1, double F1PN, double Accuracy, int[,] Confusion)
{
    public static SentimentMetrics Evaluate(SentimentPredictor predictor, IEnumerable<LabelledText> examples)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(examples);
        var classes = SentimentModel.Classes;
        var confusion = new int[classes, classes];
        var count = 0;
        foreach (var example in examples)
        {
            confusion[(int)example.Label, (int)predictor.Predict(example.Text).Class]++;
            count++;
        }

        double recallSum = 0, f1Sum = 0, correct = 0;
        var f1 = new double[classes];
        for (var c = 0; c < classes; c++)
        {
            double actual = 0, predicted = 0;
            for (var k = 0; k < classes; k++)
            {
                actual += confusion[c, k];
                predicted += confusion[k, c];
            }

            var truePositives = confusion[c, c];
            correct += truePositives;
            var recall = actual == 0 ? 0 : truePositives / actual;
            var precision = predicted == 0 ? 0 : truePositives / predicted;
            f1[c] = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            recallSum += recall;
            f1Sum += f1[c];
        }

        return new SentimentMetrics(
            count,
            recallSum / classes,
            f1Sum / classes,
            (f1[(int)SentimentClass.Positive] + f1[(int)SentimentClass.Negative]) / 2,
            count == 0 ? 0 : correct / count,
            confusion);
    }
}
