using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Etl.Enrichment.Sentiment;

/// <summary>
/// Trains the sentiment model with ML.NET over our featurizer's sparse vectors. Single-threaded with a fixed seed,
/// so the same data and options give the same predictions.
/// </summary>
public static class SentimentTrainer
{
    /// <param name="examples">Human-labelled examples (SemEval).</param>
    /// <param name="weak">Emoticon-labelled tweets (Sentiment140): they build the lexicon and, at <see cref="SentimentTrainingOptions.WeakLabelWeight"/> &gt; 0, train too.</param>
    /// <param name="options">Trainer, hyper-parameters, features and seed.</param>
    /// <param name="clusters">The word-cluster table, read when <see cref="SentimentFeatureOptions.WordClusters"/> is set.</param>
    public static SentimentModel Train(IReadOnlyList<LabelledText> examples, IReadOnlyList<LabelledText> weak, SentimentTrainingOptions options, SentimentWordClusters? clusters = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(weak);
        ArgumentNullException.ThrowIfNull(options);
        if (examples.Count == 0)
        {
            throw new ArgumentException("No training examples: check the --data directory holds SemEval *.tsv files.", nameof(examples));
        }

        var lexicon = options.Features.LexiconSummaries ? SentimentLexicon.Build(weak, options.LexiconBits) : SentimentLexicon.Empty();
        // Features with word clusters use the given table, else the one committed with this build.
        clusters = options.Features.WordClusters ? clusters ?? SentimentModel.LoadEmbeddedClusters() : SentimentWordClusters.Empty();
        var rows = Featurize(examples, lexicon, options.Features, clusters);
        var weakRows = options.WeakLabelWeight > 0 ? Featurize(weak, lexicon, options.Features, clusters) : [];
        var context = new MLContext(seed: options.Seed);
        var transformer = Fit(context, rows, weakRows, options);
        return new SentimentModel(options.ModelName, context, transformer, lexicon, options.Features, clusters);
    }

    /// <summary>Featurizes once so cross-validation folds and trainers reuse the vectors. Values are shared 1s (ML.NET copies rows as it reads them).</summary>
    public static SentimentRow[] Featurize(IReadOnlyList<LabelledText> examples, SentimentLexicon lexicon, SentimentFeatureOptions features, SentimentWordClusters? clusters = null)
    {
        clusters ??= SentimentWordClusters.Empty();
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(features);
        var ones = new float[SentimentFeatures.MaxFeatures];
        Array.Fill(ones, 1f);
        var buffer = new int[SentimentFeatures.MaxFeatures];
        var rows = new SentimentRow[examples.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var count = SentimentFeatures.Vectorize(examples[i].Text, lexicon, clusters, features, buffer);
            rows[i] = new SentimentRow
            {
                Features = new VBuffer<float>(features.Dimension, count, ones, buffer.AsSpan(0, count).ToArray()),
                Label = SentimentRow.KeyOf(examples[i].Label),
                Weight = examples[i].Weight,
            };
        }

        return rows;
    }

    /// <summary>Fits the configured trainer on human rows plus weak rows (scaled by the weak-label weight), classes balanced over both.</summary>
    public static ITransformer Fit(MLContext context, IReadOnlyList<SentimentRow> rows, IReadOnlyList<SentimentRow> weakRows, SentimentTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(weakRows);
        ArgumentNullException.ThrowIfNull(options);
        var weighted = new List<SentimentRow>(rows.Count + weakRows.Count);
        weighted.AddRange(rows);
        foreach (var row in weakRows)
        {
            weighted.Add(new SentimentRow { Features = row.Features, Label = row.Label, Weight = row.Weight * options.WeakLabelWeight });
        }

        var mass = new double[SentimentModel.Classes];
        foreach (var row in weighted)
        {
            mass[row.Label] += row.Weight;
        }

        var total = mass.Sum();
        for (var i = 0; i < weighted.Count; i++)
        {
            var row = weighted[i];
            var classWeight = options.BalanceClasses ? total / (SentimentModel.Classes * mass[row.Label]) : 1.0;
            weighted[i] = new SentimentRow { Features = row.Features, Label = row.Label, Weight = (float)(row.Weight * classWeight) };
        }

        // Cached: the L-BFGS and SDCA trainers pass over the data once per iteration.
        var data = context.Data.Cache(context.Data.LoadFromEnumerable(weighted, SentimentModel.RowSchema(options.Features.Dimension)));
        return Estimator(context, options).Fit(data);
    }

    private static IEstimator<ITransformer> Estimator(MLContext context, SentimentTrainingOptions options)
    {
        const string label = nameof(SentimentRow.Label), features = nameof(SentimentRow.Features), weight = nameof(SentimentRow.Weight);
        var trainers = context.MulticlassClassification.Trainers;
        return options.Trainer switch
        {
            SentimentTrainerKind.OvaLogisticRegression => trainers.OneVersusAll(
                context.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    LabelColumnName = label,
                    FeatureColumnName = features,
                    ExampleWeightColumnName = weight,
                    L1Regularization = options.L1,
                    L2Regularization = options.L2,
                    MaximumNumberOfIterations = options.Iterations,
                    NumberOfThreads = 1,
                }),
                labelColumnName: label,
                useProbabilities: true),
            SentimentTrainerKind.LbfgsMaximumEntropy => trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = label,
                FeatureColumnName = features,
                ExampleWeightColumnName = weight,
                L1Regularization = options.L1,
                L2Regularization = options.L2,
                MaximumNumberOfIterations = options.Iterations,
                NumberOfThreads = 1,
            }),
            SentimentTrainerKind.SdcaMaximumEntropy => trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = label,
                FeatureColumnName = features,
                ExampleWeightColumnName = weight,
                L2Regularization = options.L2,
                MaximumNumberOfIterations = options.Iterations,
                NumberOfThreads = 1,
            }),
            SentimentTrainerKind.OvaLinearSvm => trainers.OneVersusAll(
                context.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options
                {
                    LabelColumnName = label,
                    FeatureColumnName = features,
                    ExampleWeightColumnName = weight,
                    Lambda = options.L2,
                    NumberOfIterations = options.Iterations,
                }),
                labelColumnName: label,
                useProbabilities: true),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Trainer, "Unknown sentiment trainer."),
        };
    }
}
