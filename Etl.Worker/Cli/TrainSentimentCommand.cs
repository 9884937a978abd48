using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Etl.Enrichment.Sentiment;

namespace Etl.Worker.Cli;

/// <summary>
/// <c>etl-worker train-sentiment --data DIR --out DIR</c>: trains the ML.NET sentiment model on the SemEval Task 4A
/// training files (the held-out test file is never read unless <c>--evaluate</c> names it) and the emoticon-labelled
/// Sentiment140 sample, and writes <c>sentiment.zip</c> (ML.NET model) and <c>sentiment-lexicon.tsv.gz</c>.
/// <c>--cross-validate</c> instead compares candidate trainers and features by 3-fold cross-validation and prints the table.
/// </summary>
public static class TrainSentimentCommand
{
    private const string DefaultHoldout = "twitter-2016test-A.tsv";
    public const string ModelFile = "sentiment.zip";
    public const string LexiconFile = "sentiment-lexicon.tsv.gz";

    /// <summary>Every tenth Sentiment140 tweet is kept out of the lexicon and training, to report its test-style accuracy honestly.</summary>
    private const int Sentiment140HoldoutEvery = 10;

    public static Command Build()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder holding SemEval *-A.tsv files (searched recursively) and sentiment140 positive.txt/negative.txt.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = $"Folder to write {ModelFile} and {LexiconFile} to (e.g. Etl.Enrichment/Sentiment/Data)." };
        var holdout = new Option<string>("--holdout") { Description = "Comma-separated SemEval file names never trained on or read (the test set).", DefaultValueFactory = _ => DefaultHoldout };
        var crossValidate = new Option<bool>("--cross-validate") { Description = "Compare the candidate trainers and features by 3-fold cross-validation on the training files; writes no model." };
        var candidates = new Option<string?>("--candidates") { Description = "With --cross-validate: comma-separated candidate names to run (default: all)." };
        var l2 = new Option<float?>("--l2") { Description = "Override the L2 penalty (training and every cross-validated candidate)." };
        var l1 = new Option<float?>("--l1") { Description = "Override the L1 penalty (training and every cross-validated candidate)." };
        var evaluate = new Option<FileInfo[]>("--evaluate") { Description = "After training, score the model on these SemEval files. Naming the test file is a look at the test set: do it once, at the end.", AllowMultipleArgumentsPerToken = true };

        var command = new Command("train-sentiment", "Trains the ML.NET sentiment model, or compares candidates by cross-validation.");
        foreach (var option in new Option[] { data, output, holdout, crossValidate, candidates, l2, l1, evaluate })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var directory = parse.GetValue(data)!;
            if (!directory.Exists)
            {
                Console.Error.WriteLine($"--data {directory.FullName} does not exist. Point it at shared/reference/sentiment_training.");
                return 2;
            }

            var heldOutNames = parse.GetValue(holdout)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var training = new List<LabelledText>();
            foreach (var file in directory.EnumerateFiles("*.tsv", SearchOption.AllDirectories).OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                if (heldOutNames.Contains(file.Name))
                {
                    Console.WriteLine($"{file.Name}: held out, not read");
                    continue;
                }

                var examples = ReadSemEval(file);
                training.AddRange(examples);
                Console.WriteLine($"{file.Name}: {examples.Count} examples");
            }

            var sentiment140 = ReadSentiment140(directory).ToList();
            var weak = sentiment140.Where((_, i) => i % Sentiment140HoldoutEvery != 0).ToList();
            var weakHeldOut = sentiment140.Where((_, i) => i % Sentiment140HoldoutEvery == 0).ToList();
            Console.WriteLine($"Sentiment140: {weak.Count} for the lexicon/weak labels, {weakHeldOut.Count} held out for accuracy");

            if (parse.GetValue(crossValidate))
            {
                var names = parse.GetValue(candidates)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                CrossValidate(training, weak, names, o => Override(o, parse.GetValue(l1), parse.GetValue(l2)));
                return 0;
            }

            var target = parse.GetValue(output);
            if (target is null)
            {
                Console.Error.WriteLine("--out is required to train (or pass --cross-validate). Use --out Etl.Enrichment/Sentiment/Data.");
                return 2;
            }

            var options = Override(new SentimentTrainingOptions(), parse.GetValue(l1), parse.GetValue(l2));
            Console.WriteLine($"Training on {training.Count} examples: {options.Trainer} L1={options.L1} L2={options.L2} weak-weight={options.WeakLabelWeight} features={options.Features}");
            var clock = Stopwatch.StartNew();
            var model = SentimentTrainer.Train(training, weak, options);
            Console.WriteLine($"Trained in {clock.Elapsed.TotalSeconds:F1} s");

            target.Create();
            var modelPath = Path.Combine(target.FullName, ModelFile);
            var lexiconPath = Path.Combine(target.FullName, LexiconFile);
            using (var stream = File.Create(modelPath))
            {
                model.Save(stream);
            }

            using (var stream = File.Create(lexiconPath))
            using (var gzip = new GZipStream(stream, CompressionLevel.SmallestSize))
            using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
            {
                model.Lexicon.Save(writer);
            }

            Console.WriteLine($"Wrote {modelPath} ({new FileInfo(modelPath).Length:N0} bytes) and {lexiconPath} ({new FileInfo(lexiconPath).Length:N0} bytes, {model.Lexicon.Entries.Count:N0} words).");

            // Reload what was written, so the figures below describe the files, not the in-memory model.
            SentimentModel reloaded;
            using (var stream = File.OpenRead(modelPath))
            using (var reader = new StreamReader(new GZipStream(File.OpenRead(lexiconPath), CompressionMode.Decompress)))
            {
                reloaded = SentimentModel.Load(stream, SentimentLexicon.Load(reader, options.LexiconBits), options.Features, options.ModelName);
            }

            var predictor = new SentimentPredictor(reloaded);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Sentiment140 held-out test-style accuracy (positive vs negative): {SentimentMetrics.PolarityAccuracy(predictor, weakHeldOut):F4} on {weakHeldOut.Count}"));
            foreach (var file in parse.GetValue(evaluate) ?? [])
            {
                Console.WriteLine($"{file.Name}: {Describe(SentimentMetrics.Evaluate(predictor, ReadSemEval(file)))}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>The candidates compared; the first group compares trainers on the same features, the rest vary the features and data of the best.</summary>
    public static IReadOnlyList<(string Name, SentimentTrainingOptions Options)> Candidates()
    {
        var baseline = new SentimentTrainingOptions();
        var oldFeatures = baseline.Features with { CharGramMin = 3, CharGramMax = 4, WordBoundaries = false };
        var maxent = baseline with { Trainer = SentimentTrainerKind.LbfgsMaximumEntropy };
        return
        [
            ("ova-logreg", baseline with { Trainer = SentimentTrainerKind.OvaLogisticRegression }),
            ("lbfgs-maxent", maxent),
            ("sdca-maxent", baseline with { Trainer = SentimentTrainerKind.SdcaMaximumEntropy, L2 = 1e-4f, Iterations = 30 }),
            ("ova-linear-svm", baseline with { Trainer = SentimentTrainerKind.OvaLinearSvm, L2 = 1e-4f, Iterations = 10 }),
            ("lbfgs-maxent old-features", maxent with { Features = oldFeatures }),
            ("lbfgs-maxent no-lexicon", maxent with { Features = maxent.Features with { LexiconSummaries = false } }),
            ("lbfgs-maxent no-bigrams", maxent with { Features = maxent.Features with { WordBigrams = false } }),
            ("lbfgs-maxent chars 2-5", maxent with { Features = maxent.Features with { CharGramMin = 2 } }),
            ("lbfgs-maxent bits 20", maxent with { Features = maxent.Features with { Bits = 20 } }),
            ("lbfgs-maxent weak 0.1", maxent with { WeakLabelWeight = 0.1f }),
            ("lbfgs-maxent l2 4", maxent with { L2 = 4f }),
            ("lbfgs-maxent l2 0.25", maxent with { L2 = 0.25f }),
            ("lbfgs-maxent l1 0", maxent with { L1 = 0f }),
            ("lbfgs-maxent unbalanced", maxent with { BalanceClasses = false }),
            ("ova-logreg l2 4", baseline with { Trainer = SentimentTrainerKind.OvaLogisticRegression, L2 = 4f }),
            ("ova-logreg l2 0.25", baseline with { Trainer = SentimentTrainerKind.OvaLogisticRegression, L2 = 0.25f }),
            ("ova-logreg l1 4", baseline with { Trainer = SentimentTrainerKind.OvaLogisticRegression, L1 = 4f }),
            ("ova-logreg chars 2-5", baseline with { Trainer = SentimentTrainerKind.OvaLogisticRegression, Features = baseline.Features with { CharGramMin = 2 } }),
            ("ova-logreg iterations 60", baseline with { Trainer = SentimentTrainerKind.OvaLogisticRegression, Iterations = 60 }),
        ];
    }

    /// <summary>Three folds, not five: on two shared cores a five-fold comparison of every candidate did not fit the time we had.</summary>
    public const int Folds = 3;

    private static SentimentTrainingOptions Override(SentimentTrainingOptions options, float? l1, float? l2) =>
        options with { L1 = l1 ?? options.L1, L2 = l2 ?? options.L2 };

    private static void CrossValidate(List<LabelledText> training, List<LabelledText> weak, string[]? names, Func<SentimentTrainingOptions, SentimentTrainingOptions> adjust)
    {
        var lexicons = new Dictionary<int, SentimentLexicon>();
        var featurized = new Dictionary<(SentimentFeatureOptions, int), (SentimentRow[] Rows, SentimentRow[] Weak)>();
        var table = new StringBuilder();
        table.AppendLine("| candidate | macro-recall (mean ± sd of the folds) | macro-F1 | F1-PN | accuracy | log-loss | calibration error | seconds |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (candidate, given) in Candidates().Where(c => names is null || names.Contains(c.Name, StringComparer.OrdinalIgnoreCase)))
        {
            var options = adjust(given);
            var name = options == given ? candidate : string.Create(CultureInfo.InvariantCulture, $"{candidate} (L1 {options.L1}, L2 {options.L2})");
            var clock = Stopwatch.StartNew();
            if (!lexicons.TryGetValue(options.LexiconBits, out var lexicon))
            {
                lexicons[options.LexiconBits] = lexicon = SentimentLexicon.Build(weak, options.LexiconBits);
            }

            var features = options.Features;
            if (!featurized.TryGetValue((features, options.LexiconBits), out var rows) || (options.WeakLabelWeight > 0 && rows.Weak.Length == 0))
            {
                var used = features.LexiconSummaries ? lexicon : SentimentLexicon.Empty();
                featurized[(features, options.LexiconBits)] = rows = (SentimentTrainer.Featurize(training, used, features), options.WeakLabelWeight > 0 ? SentimentTrainer.Featurize(weak, used, features) : []);
            }

            var (folds, pooled) = SentimentCrossValidation.Run(rows.Rows, options.WeakLabelWeight > 0 ? rows.Weak : [], options, Folds, afterFold: (fold, m) =>
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} fold {fold + 1}: macro-recall {m.MacroRecall:F4} ({clock.Elapsed.TotalSeconds:F0} s)")));
            var recalls = folds.Select(f => f.MacroRecall).ToArray();
            var mean = recalls.Average();
            var sd = Math.Sqrt(recalls.Sum(r => (r - mean) * (r - mean)) / (recalls.Length - 1));
            var line = string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {mean:F4} ± {sd:F4} | {pooled.MacroF1:F4} | {pooled.F1PN:F4} | {pooled.Accuracy:F4} | {pooled.LogLoss:F4} | {pooled.CalibrationError:F4} | {clock.Elapsed.TotalSeconds:F0} |");
            Console.WriteLine(line);
            table.AppendLine(line);
        }

        Console.WriteLine();
        Console.WriteLine($"{Folds}-fold cross-validation on {training.Count} SemEval training examples (Sentiment140 only ever in training folds):");
        Console.Write(table);
    }

    private static List<LabelledText> ReadSemEval(FileInfo file)
    {
        var examples = new List<LabelledText>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(file.FullName))
        {
            lineNumber++;
            if (TrainingCorpus.TryParseSemEval(line, out var example))
            {
                examples.Add(example!);
            }
            else if (line.Length > 0)
            {
                Console.Error.WriteLine($"{file.Name}:{lineNumber}: skipped, expected 'id<TAB>negative|neutral|positive<TAB>text'.");
            }
        }

        return examples;
    }

    /// <summary>Positive and negative tweets interleaved in file order (so every-tenth hold-out takes both classes).</summary>
    private static IEnumerable<LabelledText> ReadSentiment140(DirectoryInfo directory)
    {
        var positive = directory.EnumerateFiles("positive.txt", SearchOption.AllDirectories).SelectMany(f => File.ReadLines(f.FullName)).ToList();
        var negative = directory.EnumerateFiles("negative.txt", SearchOption.AllDirectories).SelectMany(f => File.ReadLines(f.FullName)).ToList();
        for (var i = 0; i < Math.Max(positive.Count, negative.Count); i++)
        {
            foreach (var (lines, label) in new[] { (positive, SentimentClass.Positive), (negative, SentimentClass.Negative) })
            {
                if (i < lines.Count && TrainingCorpus.Clean(lines[i]) is { Length: > 0 } text)
                {
                    yield return new LabelledText(text, label);
                }
            }
        }
    }

    public static string Describe(SentimentMetrics m) => string.Create(CultureInfo.InvariantCulture,
        $"n={m.Count} macro-recall={m.MacroRecall:F4} macro-F1={m.MacroF1:F4} F1-PN={m.F1PN:F4} accuracy={m.Accuracy:F4} log-loss={m.LogLoss:F4} calibration-error={m.CalibrationError:F4} confusion(rows=actual neg,neu,pos)=[{m.Confusion[0, 0]} {m.Confusion[0, 1]} {m.Confusion[0, 2]} | {m.Confusion[1, 0]} {m.Confusion[1, 1]} {m.Confusion[1, 2]} | {m.Confusion[2, 0]} {m.Confusion[2, 1]} {m.Confusion[2, 2]}]");
}
