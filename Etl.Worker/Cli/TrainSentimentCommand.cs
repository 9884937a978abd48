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
    public const string ClustersFile = "sentiment-clusters.tsv.gz";

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
        var deriveClusters = new Option<FileInfo?>("--derive-word-clusters") { Description = $"Derive the word-cluster table from the training texts (all-MiniLM-L6-v2 embeddings, k-means) and write it here (e.g. Etl.Enrichment/Sentiment/Data/{ClustersFile}); trains nothing." };
        var clusterWords = new Option<int>("--cluster-words") { Description = "With --derive-word-clusters: how many of the most frequent words get a cluster.", DefaultValueFactory = _ => WordClusterVocabulary };
        var clusterMinCount = new Option<int>("--cluster-min-count") { Description = "With --derive-word-clusters: a word needs this many training texts to get a cluster.", DefaultValueFactory = _ => WordClusterMinCount };
        var clusterLevels = new Option<string>("--cluster-levels") { Description = "With --derive-word-clusters: comma-separated cluster counts, one k-means each.", DefaultValueFactory = _ => WordClusterLevels };
        var wordClusters = new Option<FileInfo?>("--word-clusters") { Description = $"The word-cluster table to train or cross-validate with (default: the one embedded in Etl.Enrichment, {ClustersFile})." };

        var command = new Command("train-sentiment", "Trains the ML.NET sentiment model, or compares candidates by cross-validation.");
        foreach (var option in new Option[] { data, output, holdout, crossValidate, candidates, l2, l1, evaluate, deriveClusters, clusterWords, clusterMinCount, clusterLevels, wordClusters })
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

            if (parse.GetValue(deriveClusters) is { } clustersTarget)
            {
                var levels = parse.GetValue(clusterLevels)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
                DeriveWordClusters(training.Concat(weak).Select(e => e.Text), parse.GetValue(clusterWords), parse.GetValue(clusterMinCount), levels, clustersTarget);
                return 0;
            }

            var clusterFile = parse.GetValue(wordClusters);
            var clusters = new Lazy<SentimentWordClusters>(() => ReadClusters(clusterFile));
            if (parse.GetValue(crossValidate))
            {
                var names = parse.GetValue(candidates)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                CrossValidate(training, weak, clusters, names, o => Override(o, parse.GetValue(l1), parse.GetValue(l2)));
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
            var model = SentimentTrainer.Train(training, weak, options, options.Features.WordClusters ? clusters.Value : null);
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
            var clustersPath = Path.Combine(target.FullName, ClustersFile);
            if (options.Features.WordClusters)
            {
                WriteClusters(model.Clusters, new FileInfo(clustersPath));
            }

            // Reload what was written, so the figures below describe the files, not the in-memory model.
            SentimentModel reloaded;
            using (var stream = File.OpenRead(modelPath))
            using (var reader = new StreamReader(new GZipStream(File.OpenRead(lexiconPath), CompressionMode.Decompress)))
            {
                reloaded = SentimentModel.Load(stream, SentimentLexicon.Load(reader, options.LexiconBits), options.Features, options.ModelName,
                    options.Features.WordClusters ? ReadClusters(new FileInfo(clustersPath)) : null);
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
            ("ova-logreg clusters", baseline with { Trainer = SentimentTrainerKind.OvaLogisticRegression, Features = baseline.Features with { WordClusters = true } }),
            ("ova-logreg clusters+pairs", baseline with { Trainer = SentimentTrainerKind.OvaLogisticRegression, Features = baseline.Features with { WordClusters = true, ClusterBigrams = true } }),
        ];
    }

    /// <summary>Three folds, not five: on two shared cores a five-fold comparison of every candidate did not fit the time we had.</summary>
    public const int Folds = 3;

    private static SentimentTrainingOptions Override(SentimentTrainingOptions options, float? l1, float? l2) =>
        options with { L1 = l1 ?? options.L1, L2 = l2 ?? options.L2 };

    private static void CrossValidate(List<LabelledText> training, List<LabelledText> weak, Lazy<SentimentWordClusters> clusters, string[]? names, Func<SentimentTrainingOptions, SentimentTrainingOptions> adjust)
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
                var clusterTable = features.WordClusters ? clusters.Value : SentimentWordClusters.Empty();
                featurized[(features, options.LexiconBits)] = rows = (SentimentTrainer.Featurize(training, used, features, clusterTable), options.WeakLabelWeight > 0 ? SentimentTrainer.Featurize(weak, used, features, clusterTable) : []);
            }

            var outOfFold = new List<IReadOnlyList<(SentimentClass, SentimentResult)>>();
            var (folds, pooled) = SentimentCrossValidation.Run(rows.Rows, options.WeakLabelWeight > 0 ? rows.Weak : [], options, Folds, afterFold: (fold, m) =>
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} fold {fold + 1}: macro-recall {m.MacroRecall:F4} ({clock.Elapsed.TotalSeconds:F0} s)")),
                afterScoring: (_, results) => outOfFold.Add(results));
            ReportOffsets(name, outOfFold);
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

    /// <summary>Words given a cluster by default: the most frequent 30,000 of the training texts.</summary>
    public const int WordClusterVocabulary = 30_000;

    /// <summary>Texts a word must appear in to get a cluster, by default.</summary>
    public const int WordClusterMinCount = 3;

    /// <summary>Cluster counts by default: three k-means, coarse to fine (chosen by cross-validation against 256,1024 and 512,2048).</summary>
    public const string WordClusterLevels = "64,256,1024";

    /// <summary>Seeds k-means++.</summary>
    private const int WordClusterSeed = 20160101;

    /// <summary>
    /// The <c>--derive-word-clusters</c> step: the most frequent words of the training texts (SemEval training files and
    /// the Sentiment140 tweets outside its held-out tenth; the test file is never read), each embedded alone by
    /// all-MiniLM-L6-v2 in process (one thread, batches of similar token length), clustered by spherical k-means per level.
    /// </summary>
    private static void DeriveWordClusters(IEnumerable<string> texts, int maxWords, int minCount, int[] levels, FileInfo target)
    {
        var clock = Stopwatch.StartNew();
        var words = WordClusterBuilder.Vocabulary(texts, maxWords, minCount);
        Console.WriteLine($"{words.Count:N0} words (seen in at least {minCount} texts) ({clock.Elapsed.TotalSeconds:F0} s)");
        using var embedder = Etl.Enrichment.Embedding.OnnxEmbedder.Load(new Etl.Enrichment.Embedding.OnnxEmbedderOptions { Parallelism = 1, IntraOpThreads = 1 });
        var tokens = words.Select(embedder.Tokenize).ToArray();
        var order = Enumerable.Range(0, words.Count).OrderBy(i => tokens[i].Length).ThenBy(i => i).ToArray();
        var vectors = new float[words.Count][];
        const int batchSize = 32;
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var batch = order.Skip(start).Take(batchSize).ToArray();
            var embedded = embedder.RunBatch([.. batch.Select(i => tokens[i])]);
            for (var j = 0; j < batch.Length; j++)
            {
                vectors[batch[j]] = embedded[j];
            }
        }

        Console.WriteLine($"Embedded {words.Count:N0} words ({clock.Elapsed.TotalSeconds:F0} s)");
        var table = WordClusterBuilder.Build(words, vectors, levels, WordClusterSeed, message =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {message} ({clock.Elapsed.TotalSeconds:F0} s)")));
        WriteClusters(table, target);
        Console.WriteLine($"Wrote {target.FullName} ({new FileInfo(target.FullName).Length:N0} bytes, {table.Entries.Count:N0} words, levels {string.Join(", ", levels)}) in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static void WriteClusters(SentimentWordClusters table, FileInfo target)
    {
        target.Directory?.Create();
        using var stream = File.Create(target.FullName);
        using var gzip = new GZipStream(stream, CompressionLevel.SmallestSize);
        using var writer = new StreamWriter(gzip, new UTF8Encoding(false));
        table.Save(writer);
    }

    private static SentimentWordClusters ReadClusters(FileInfo? file)
    {
        if (file is null)
        {
            return SentimentModel.LoadEmbeddedClusters();
        }

        using var reader = new StreamReader(new GZipStream(File.OpenRead(file.FullName), CompressionMode.Decompress));
        return SentimentWordClusters.Load(reader);
    }

    /// <summary>
    /// Nested check of per-class decision offsets: for each fold, the negative and positive probability multipliers
    /// exp(d) that maximise macro-recall on the other folds' out-of-fold predictions, applied to this fold.
    /// </summary>
    private static void ReportOffsets(string name, List<IReadOnlyList<(SentimentClass Actual, SentimentResult Predicted)>> outOfFold)
    {
        static SentimentResult Shift(SentimentResult r, double dn, double dp)
        {
            Span<float> p = [(float)(r.Negative * Math.Exp(dn)), r.Neutral, (float)(r.Positive * Math.Exp(dp))];
            return SentimentPredictor.FromProbabilities(p);
        }

        static (double, double) Best(IEnumerable<(SentimentClass Actual, SentimentResult Predicted)> results)
        {
            var list = results.ToList();
            var best = (Recall: double.MinValue, Dn: 0.0, Dp: 0.0);
            for (var dn = -0.6; dn <= 0.601; dn += 0.05)
            {
                for (var dp = -0.6; dp <= 0.601; dp += 0.05)
                {
                    var recall = SentimentMetrics.Evaluate(list.Select(x => (x.Actual, Shift(x.Predicted, dn, dp)))).MacroRecall;
                    if (recall > best.Recall + 1e-12)
                    {
                        best = (recall, dn, dp);
                    }
                }
            }

            return (best.Dn, best.Dp);
        }

        var recalls = new List<double>();
        var shifted = new List<(SentimentClass, SentimentResult)>();
        for (var f = 0; f < outOfFold.Count; f++)
        {
            var (dn, dp) = Best(outOfFold.Where((_, g) => g != f).SelectMany(x => x));
            var fold = outOfFold[f].Select(x => (x.Actual, Shift(x.Predicted, dn, dp))).ToList();
            shifted.AddRange(fold);
            var recall = SentimentMetrics.Evaluate(fold).MacroRecall;
            recalls.Add(recall);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} + offsets fold {f + 1}: dn {dn:F2} dp {dp:F2} macro-recall {recall:F4}"));
        }

        Console.WriteLine($"  {name} + offsets pooled: {Describe(SentimentMetrics.Evaluate(shifted))}");
        var all = Best(outOfFold.SelectMany(x => x));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} + offsets: nested macro-recall {recalls.Average():F4}; offsets on all folds dn {all.Item1:F2} dp {all.Item2:F2}"));
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
