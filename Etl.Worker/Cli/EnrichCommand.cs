using System.CommandLine;
using System.Text.Json;
using Etl.Enrichment.Enriching;
using Etl.Worker.Input;

namespace Etl.Worker.Cli;

/// <summary>
/// <c>etl-worker enrich --in FILE --out FILE</c>: reads Twitter API v1.1/v2 JSON and writes one TweetDocument per line.
/// Bad lines are reported on stderr with their line number and skipped; the exit code is 1 when any line failed.
/// </summary>
public static class EnrichCommand
{
    private static readonly JsonSerializerOptions DocumentJson = new() { WriteIndented = false };

    public static Command Build()
    {
        var input = new Option<FileInfo>("--in") { Description = "Tweet JSON: v1.1 (JSON lines, array, or search response) or v2 pages (one per line).", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write documents as JSON lines; '-' for stdout.", Required = true };
        var command = new Command("enrich", "Enriches tweets from a JSON file into indexable documents (JSON lines).");
        command.Options.Add(input);
        command.Options.Add(output);
        command.SetAction(parse => Run(parse.GetValue(input)!, parse.GetValue(output)!, Console.Error));
        return command;
    }

    /// <returns>0 when every line was read, 1 when some failed, 2 when the input cannot be opened.</returns>
    public static int Run(FileInfo input, string output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (!input.Exists)
        {
            errors.WriteLine($"--in {input.FullName} does not exist.");
            return 2;
        }

        var enricher = TweetEnricher.CreateDefault();
        var written = 0;
        var failed = 0;
        var skipped = 0;
        using (var reader = input.OpenText())
        using (var writer = output == "-" ? new StreamWriter(Console.OpenStandardOutput()) : new StreamWriter(output))
        {
            foreach (var record in TweetJsonReader.Read(reader))
            {
                if (record.Tweet is { } tweet)
                {
                    writer.WriteLine(JsonSerializer.Serialize(enricher.Enrich(tweet), DocumentJson));
                    written++;
                }
                else if (record.Error is { } error)
                {
                    errors.WriteLine($"{input.Name}:{record.Line}: skipped: {error}");
                    failed++;
                }
                else
                {
                    skipped++;
                }
            }
        }

        errors.WriteLine($"{input.Name}: {written} documents written, {failed} lines failed, {skipped} non-tweet messages skipped.");
        return failed > 0 ? 1 : 0;
    }
}
