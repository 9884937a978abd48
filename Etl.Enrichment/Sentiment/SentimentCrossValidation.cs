using Microsoft.ML;
using Microsoft.ML.Data;

namespace Etl.Enrichment.Sentiment;

/// <summary>
/// k-fold cross-validation over the human-labelled training examples: each fold is scored by a model trained on the
/// other folds (plus every weak-labelled tweet, which never lands in a scored fold). This is how trainers, features
/// and hyper-parameters are chosen; the SemEval test file is not read.
/// </summary>
public static class SentimentCrossValidation
{
    /// <summary>Fold of example <paramref name="index"/>: a fixed hash of the index and seed, so folds are the same on every run and for every candidate.</summary>
    public static int FoldOf(int index, int folds, int seed) =>
        (int)(FeatureHash.Combine((uint)index, (uint)seed) % (uint)folds);

    /// <summary>Returns the metrics of each fold and of all folds pooled.</summary>
    public static (IReadOnlyList<SentimentMetrics> Folds, SentimentMetrics Pooled) Run(
        IReadOnlyList<SentimentRow> rows, IReadOnlyList<SentimentRow> weakRows, SentimentTrainingOptions options, int folds = 5, Action<int, SentimentMetrics>? afterFold = null,
        Action<int, IReadOnlyList<(SentimentClass Actual, SentimentResult Predicted)>>? afterScoring = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var perFold = new List<SentimentMetrics>();
        var pooled = new List<(SentimentClass, SentimentResult)>();
        for (var fold = 0; fold < folds; fold++)
        {
            var train = new List<SentimentRow>();
            var test = new List<SentimentRow>();
            for (var i = 0; i < rows.Count; i++)
            {
                (FoldOf(i, folds, options.Seed) == fold ? test : train).Add(rows[i]);
            }

            var context = new MLContext(seed: options.Seed);
            var model = SentimentTrainer.Fit(context, train, weakRows, options);
            var scored = model.Transform(context.Data.LoadFromEnumerable(test, SentimentModel.RowSchema(options.Features.Dimension)));
            var results = new List<(SentimentClass, SentimentResult)>(test.Count);
            var index = 0;
            foreach (var score in scored.GetColumn<VBuffer<float>>("Score"))
            {
                var probabilities = score.DenseValues().ToArray();
                results.Add(((SentimentClass)test[index++].Label, SentimentPredictor.FromProbabilities(probabilities)));
            }

            perFold.Add(SentimentMetrics.Evaluate(results));
            afterFold?.Invoke(fold, perFold[^1]);
            afterScoring?.Invoke(fold, results);
            pooled.AddRange(results);
        }

        return (perFold, SentimentMetrics.Evaluate(pooled));
    }
}
