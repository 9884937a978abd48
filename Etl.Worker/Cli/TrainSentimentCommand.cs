using System.CommandLine;
using System.Globalization;
using Etl.Enrichment.Sentiment;

namespace Etl.Worker.Cli;

/// <summary>
/// <c>etl-worker train-sentiment --data DIR --out FILE</c>: trains the sentiment model on SemEval Task 4A files
/// (and, weighted down, the emoticon-labelled Sentiment140 sample), keeping held-out files aside and reporting
/// macro-averaged recall, macro-F1, F1-PN and accuracy on each of them.
/// </summary>
public static class TrainSentimentCommand
{
    private const string DefaultHoldout = "twitter-2016test-A.tsv,twitter-2016devtest-A.tsv";

    public static Command Build()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder holding SemEval *-A.tsv files (searched recursively) and optionally sentiment140 positive.txt/negative.txt.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Model file to write (e.g. Etl.Enrichment/Sentiment/Data/sentiment.model).", Required = true };
        var holdout = new Option<string>("--holdout") { Description = "Comma-separated SemEval file names kept out of training and reported on.", DefaultValueFactory = _ => DefaultHoldout };
        var seed = new Option<ulong>("--seed") { Description = "Shuffle seed; the same data and seed give the same model.", DefaultValueFactory = _ => new SentimentTrainingOptions().Seed };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => new SentimentTrainingOptions().Epochs };
        var bits = new Option<int>("--bits") { Description = "log2 of the number of hash buckets (10..24).", DefaultValueFactory = _ => new SentimentTrainingOptions().Bits };
        var learningRate = new Option<float>("--learning-rate") { Description = "AdaGrad step size.", DefaultValueFactory = _ => new SentimentTrainingOptions().LearningRate };
        var l2 = new Option<float>("--l2") { Description = "L2 penalty on touched weights.", DefaultValueFactory = _ => new SentimentTrainingOptions().L2 };
        var distantWeight = new Option<float>("--sentiment140-weight") { Description = "Weight of each emoticon-labelled Sentiment140 example as a training example (0: they only build the lexicon).", DefaultValueFactory = _ => DefaultDistantWeight };

        var command = new Command("train-sentiment", "Trains the sentiment model and reports held-out macro-averaged recall.");
        foreach (var option in new Option[] { data, output, holdout, seed, epochs, bits, learningRate, l2, distantWeight })
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
            var heldOut = new SortedDictionary<string, List<LabelledText>>(StringComparer.Ordinal);
            foreach (var file in directory.EnumerateFiles("*.tsv", SearchOption.AllDirectories).OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                var examples = ReadSemEval(file);
                if (heldOutNames.Contains(file.Name))
                {
                    heldOut[file.Name] = examples;
                }
                else
                {
                    training.AddRange(examples);
                }

                Console.WriteLine($"{file.Name}: {examples.Count} examples{(heldOutNames.Contains(file.Name) ? " (held out)" : "")}");
            }

            var weight = parse.GetValue(distantWeight);
            var distant = ReadSentiment140(directory, 1f).ToList();
            if (weight > 0)
            {
                training.AddRange(distant.Select(e => e with { Weight = weight }));
            }

            var options = new SentimentTrainingOptions { Seed = parse.GetValue(seed), Epochs = parse.GetValue(epochs), Bits = parse.GetValue(bits), LearningRate = parse.GetValue(learningRate), L2 = parse.GetValue(l2) };
            Console.WriteLine($"Training on {training.Count} examples: {options}");
            var model = SentimentTrainer.Train(training, distant, options, (epoch, snapshot) =>
            {
                foreach (var (name, examples) in heldOut)
                {
                    Console.WriteLine($"epoch {epoch} {name}: {Describe(SentimentMetrics.Evaluate(new SentimentPredictor(snapshot), examples))}");
                }
            });

            var target = parse.GetValue(output)!;
            target.Directory?.Create();
            using (var stream = target.Create())
            {
                model.Save(stream);
            }

            Console.WriteLine($"Wrote {target.FullName} ({new FileInfo(target.FullName).Length:N0} bytes).");
            return 0;
        });
        return command;
    }

    /// <summary>Sentiment140's emoticon labels are noisy and have no neutral class: each example counts a fraction of a human label.</summary>
    private const float DefaultDistantWeight = 0f;

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

    private static IEnumerable<LabelledText> ReadSentiment140(DirectoryInfo directory, float weight)
    {
        foreach (var (name, label) in new[] { ("positive.txt", SentimentClass.Positive), ("negative.txt", SentimentClass.Negative) })
        {
            foreach (var file in directory.EnumerateFiles(name, SearchOption.AllDirectories))
            {
                var count = 0;
                foreach (var line in File.ReadLines(file.FullName))
                {
                    var text = TrainingCorpus.Clean(line);
                    if (text.Length > 0)
                    {
                        count++;
                        yield return new LabelledText(text, label, weight);
                    }
                }

                Console.WriteLine($"{file.FullName}: {count} examples at weight {weight.ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }

    public static string Describe(SentimentMetrics m) => string.Create(CultureInfo.InvariantCulture,
        $"n={m.Count} macro-recall={m.MacroRecall:F4} macro-F1={m.MacroF1:F4} F1-PN={m.F1PN:F4} accuracy={m.Accuracy:F4} confusion(rows=actual neg,neu,pos)=[{m.Confusion[0, 0]} {m.Confusion[0, 1]} {m.Confusion[0, 2]} | {m.Confusion[1, 0]} {m.Confusion[1, 1]} {m.Confusion[1, 2]} | {m.Confusion[2, 0]} {m.Confusion[2, 1]} {m.Confusion[2, 2]}]");
}
