using System.CommandLine;
using System.Text.Json;
using Etl.Scheduler.Api;
using Etl.Scheduler.Trends;
using Etl.Schemas.Documents;

namespace Etl.Scheduler.Cli;

/// <summary>
/// <c>etl-scheduler trends --in DOCS.jsonl [--window 5m] [--out F]</c>: the scheduled trend clustering, offline,
/// over documents as <c>etl-worker enrich</c> writes them; one JSON line per reported trend.
/// </summary>
public static class TrendsCommand
{
    private static readonly JsonSerializerOptions LineJson = new() { WriteIndented = false };

    public static Command Build()
    {
        var input = new Option<FileInfo>("--in") { Description = "TweetDocument JSON lines (etl-worker enrich output).", Required = true };
        var window = new Option<string>("--window") { Description = "Clustering window, e.g. 5m.", DefaultValueFactory = _ => "5m" };
        var output = new Option<string>("--out") { Description = "Where to write trends as JSON lines; '-' for stdout.", DefaultValueFactory = _ => "-" };
        var command = new Command("trends", "Detects trends offline in a file of enriched documents, as the scheduled job does.") { input, window, output };
        command.SetAction(parse =>
        {
            TimeSpan length;
            try
            {
                length = Etl.Elastic.Transport.ElasticsearchTimeUnits.Parse(parse.GetValue(window)!, "--window");
                if (length <= TimeSpan.Zero)
                {
                    throw new FormatException($"--window '{parse.GetValue(window)}' must be longer than zero, e.g. 5m.");
                }
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }

            return Run(parse.GetValue(input)!, parse.GetValue(output)!, window: length, Console.Error);
        });
        return command;
    }

    /// <summary>Runs with the settings measured for the embedder the documents name (<c>pipeline.embedder</c>).</summary>
    public static int Run(FileInfo input, string output, TimeSpan window, TextWriter errors) => Run(input, output, settings: null, errors, window);

    /// <summary>
    /// Detects trends in <paramref name="input"/>. Null <paramref name="settings"/> choose <see cref="TrendSettings.ForEmbedder"/>
    /// for the documents' embedder; <paramref name="window"/> overrides the window length.
    /// </summary>
    /// <returns>0 on success, 1 when some lines could not be read, 2 when the input cannot be opened.</returns>
    public static int Run(FileInfo input, string output, TrendSettings? settings, TextWriter errors, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (!input.Exists)
        {
            errors.WriteLine($"--in {input.FullName} does not exist; pass a file written by 'etl-worker enrich'.");
            return 2;
        }

        var (tweets, failed, embedder) = ReadDocuments(input, errors);
        settings ??= TrendSettings.ForEmbedder(embedder);
        if (window is { } length)
        {
            settings = settings with { Window = length };
        }

        var reported = 0;
        using (var writer = output == "-" ? new StreamWriter(Console.OpenStandardOutput()) : new StreamWriter(output))
        {
            foreach (var trend in TrendTimeline.Run(tweets, new TrendDetector(settings)))
            {
                writer.WriteLine(JsonSerializer.Serialize(TrendSummary.From(TrendDocument.From(trend, DateTimeOffset.UnixEpoch)), LineJson));
                reported++;
            }
        }

        errors.WriteLine($"{input.Name}: {tweets.Count} documents read (embedder {embedder ?? "unknown"}), {failed} lines failed, {reported} trend reports.");
        return failed > 0 ? 1 : 0;
    }

    /// <summary>
    /// Documents with an embedding, as trend tweets; lines that are not documents are reported and counted. Vectors of
    /// different embedders are not comparable: the embedder of the first embedded document is kept, others are skipped.
    /// </summary>
    public static (List<TrendTweet> Tweets, int Failed, string? Embedder) ReadDocuments(FileInfo input, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        var tweets = new List<TrendTweet>();
        var failed = 0;
        var line = 0;
        string? embedder = null;
        var otherEmbedders = 0;
        foreach (var text in File.ReadLines(input.FullName))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                var document = JsonSerializer.Deserialize<TweetDocument>(text);
                if (document?.Embedding is not { Length: > 0 } embedding)
                {
                    errors.WriteLine($"{input.Name}:{line}: document has no 'embedding'; enrich it with an embedder first.");
                    failed++;
                    continue;
                }

                var name = document.Pipeline?.Embedder;
                embedder ??= name;
                if (name is not null && name != embedder)
                {
                    otherEmbedders++;
                    continue;
                }

                tweets.Add(new TrendTweet(document.Id, document.CreatedAt, document.Text, document.Hashtags, embedding));
            }
            catch (JsonException ex)
            {
                errors.WriteLine($"{input.Name}:{line}: not a TweetDocument JSON line: {ex.Message}");
                failed++;
            }
        }

        if (otherEmbedders > 0)
        {
            errors.WriteLine($"{input.Name}: {otherEmbedders} documents embedded by another embedder than '{embedder}' were skipped; their vectors cannot be compared. Re-enrich them with one embedder.");
        }

        return (tweets, failed, embedder);
    }
}
