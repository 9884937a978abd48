namespace Etl.Enrichment.Sentiment;

/// <summary>
/// Held-out quality: macro-averaged recall (SemEval 2016 Task 4A's primary measure), macro-F1 over the three
/// classes, F1-PN (the mean F1 of positive and negative, SemEval's secondary measure), accuracy, and two measures of
/// how trustworthy the probabilities are: mean log-loss and expected calibration error (10 bins of the top probability).
/// </summary>
public sealed record SentimentMetrics(int Count, double MacroRecall, double MacroF1, double F1PN, double Accuracy, double LogLoss, double CalibrationError, int[,] Confusion)
{
    private const int CalibrationBins = 10;

    public static SentimentMetrics Evaluate(SentimentPredictor predictor, IEnumerable<LabelledText> examples)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(examples);
        return Evaluate(examples.Select(e => (e.Label, predictor.Predict(e.Text))));
    }

    public static SentimentMetrics Evaluate(IEnumerable<(SentimentClass Actual, SentimentResult Predicted)> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        const int classes = SentimentModel.Classes;
        var confusion = new int[classes, classes];
        var binConfidence = new double[CalibrationBins];
        var binCorrect = new double[CalibrationBins];
        var binCount = new int[CalibrationBins];
        double logLoss = 0;
        var count = 0;
        foreach (var (actual, predicted) in results)
        {
            confusion[(int)actual, (int)predicted.Class]++;
            var probability = actual switch { SentimentClass.Negative => predicted.Negative, SentimentClass.Positive => predicted.Positive, _ => predicted.Neutral };
            logLoss -= Math.Log(Math.Max(probability, 1e-7));
            var confidence = Math.Max(predicted.Negative, Math.Max(predicted.Neutral, predicted.Positive));
            var bin = Math.Min((int)(confidence * CalibrationBins), CalibrationBins - 1);
            binConfidence[bin] += confidence;
            binCorrect[bin] += actual == predicted.Class ? 1 : 0;
            binCount[bin]++;
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

        double calibrationError = 0;
        for (var b = 0; b < CalibrationBins; b++)
        {
            calibrationError += count == 0 ? 0 : Math.Abs(binConfidence[b] - binCorrect[b]) / count;
        }

        return new SentimentMetrics(
            count,
            recallSum / classes,
            f1Sum / classes,
            (f1[(int)SentimentClass.Positive] + f1[(int)SentimentClass.Negative]) / 2,
            count == 0 ? 0 : correct / count,
            count == 0 ? 0 : logLoss / count,
            calibrationError,
            confusion);
    }

    /// <summary>
    /// Sentiment140's test protocol: its tweets are only positive or negative, so a tweet counts as right when the model
    /// gives its class more probability than the opposite one (neutral is not an answer there).
    /// </summary>
    public static double PolarityAccuracy(SentimentPredictor predictor, IEnumerable<LabelledText> examples)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(examples);
        int right = 0, total = 0;
        foreach (var example in examples.Where(e => e.Label != SentimentClass.Neutral))
        {
            var result = predictor.Predict(example.Text);
            right += (result.Positive > result.Negative) == (example.Label == SentimentClass.Positive) ? 1 : 0;
            total++;
        }

        return total == 0 ? 0 : (double)right / total;
    }
}
