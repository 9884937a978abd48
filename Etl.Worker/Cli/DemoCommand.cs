using System.CommandLine;
using Etl.Enrichment.Embedding;
using Etl.Worker.Demo;
using Spectre.Console;

namespace Etl.Worker.Cli;

/// <summary><c>etl-worker demo</c>: the whole pipeline on embedded defaults, with a live progress line and a summary.</summary>
public static class DemoCommand
{
    public static Command Build()
    {
        var count = new Option<int>("--count") { Description = "How many synthetic tweets.", DefaultValueFactory = _ => DemoSettings.DefaultCount };
        var embedder = new Option<string>("--embedder")
        {
            Description = "onnx: all-MiniLM-L6-v2 in process (semantic, ~150 tweets/s on 2 cores); hashing: word hashing (tens of thousands/s, not semantic).",
            DefaultValueFactory = _ => EmbeddingOptions.OnnxProvider,
        };
        embedder.AcceptOnlyFromAmong(EmbeddingOptions.OnnxProvider, EmbeddingOptions.HashingProvider);
        var seed = new Option<int>("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => 42 };
        var elasticsearch = new Option<string?>("--elasticsearch") { Description = "Elasticsearch URL to index into (default: $ELASTICSEARCH_URL; without one, bulk NDJSON files go to --out)." };
        var output = new Option<string>("--out") { Description = "Folder for the bulk NDJSON files when no Elasticsearch is given.", DefaultValueFactory = _ => "out" };
        var command = new Command("demo", "Runs the real pipeline on embedded defaults: in-process Kafka mock cluster, in-memory schema registry, synthetic tweets.")
        {
            count, seed, embedder, elasticsearch, output,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            var url = parse.GetValue(elasticsearch) ?? Environment.GetEnvironmentVariable("ELASTICSEARCH_URL");
            if (parse.GetValue(count) < 1)
            {
                await Console.Error.WriteLineAsync($"--count {parse.GetValue(count)} must be at least 1.");
                return CommandErrors.BadConfiguration;
            }

            if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                await Console.Error.WriteLineAsync($"--elasticsearch '{url}' is not an absolute URL; e.g. http://localhost:9200.");
                return CommandErrors.BadConfiguration;
            }

            var settings = new DemoSettings
            {
                Count = parse.GetValue(count),
                Seed = parse.GetValue(seed),
                Embedder = parse.GetValue(embedder)!,
                Elasticsearch = url is null ? null : new Uri(url),
                OutputDirectory = parse.GetValue(output)!,
            };
            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            var runner = new DemoRunner(settings, loggers);
            AnsiConsole.MarkupLine($"[bold]Tweet ETL demo[/]: {settings.Count:N0} synthetic tweets → Kafka mock cluster (Avro) → enrich + embed ({Markup.Escape(settings.Embedder)}) → {(settings.Elasticsearch is null ? $"bulk files in {Markup.Escape(settings.OutputDirectory)}/" : Markup.Escape(url!))}");
            DemoResult? result = null;
            // Redirected output gets a line every few seconds instead of a redraw five times a second.
            var interactive = AnsiConsole.Profile.Capabilities.Interactive;
            var lastLine = DateTime.MinValue;
            await AnsiConsole.Status().StartAsync("starting", async status =>
            {
                result = await runner.RunAsync(
                    p =>
                    {
                        if (interactive || DateTime.UtcNow - lastLine > TimeSpan.FromSeconds(3))
                        {
                            status.Status(Describe(p));
                            lastLine = DateTime.UtcNow;
                        }
                    },
                    cancellationToken);
            });
            Render(result!);
            return 0;
        }));
        return command;
    }

    private static string Describe(DemoProgress p) =>
        $"produced {p.Produced:N0}/{p.Target:N0} · consumed {p.Consumed:N0} · indexed {p.Indexed:N0} · dead letters {p.DeadLettered:N0} · " +
        $"retried {p.Retried:N0} · {(p.Elapsed.TotalSeconds > 0 ? p.Indexed / p.Elapsed.TotalSeconds : 0):N0}/s{(p.Paused ? " · paused (sink unavailable)" : "")}";

    private static void Render(DemoResult r)
    {
        var summary = new Table().Title("Summary").AddColumn("").AddColumn("");
        summary.AddRow("tweets indexed", $"{r.Indexed:N0} of {r.Produced:N0} records");
        summary.AddRow("dead letters", $"{r.DeadLettered:N0} (undecodable records, kept with their bytes in tweets.dlq)");
        summary.AddRow("time", $"{r.Elapsed.TotalSeconds:F1} s in all; {r.Rate:N0} tweets/s once the consumer group formed");
        summary.AddRow("embedder", Markup.Escape(r.Embedder) + (r.EmbedderLoad > TimeSpan.Zero ? $" (model loaded in {r.EmbedderLoad.TotalSeconds:F1} s)" : "") +
            $"; {r.Rate:N0} tweets/s embedded and indexed");
        summary.AddRow("sink", Markup.Escape(r.Sink) + (r.OutputFiles.Count > 0 ? $" ({r.OutputFiles.Count} bulk file(s))" : ""));
        var total = Math.Max(1, r.Sentiment.Values.Sum());
        summary.AddRow("sentiment", string.Join(" · ", Indexing.SummarizingSink.SentimentOrder.Select(l => $"{l} {100.0 * r.Sentiment.GetValueOrDefault(l) / total:F0}%")));
        summary.AddRow("top hashtags", Markup.Escape(string.Join(", ", r.TopHashtags.Select(kv => $"#{kv.Key} {kv.Value:N0}"))));
        summary.AddRow("top countries", Markup.Escape(string.Join(", ", r.TopCountries.Select(kv => $"{kv.Key} {kv.Value:N0}"))));
        AnsiConsole.Write(summary);
        AnsiConsole.MarkupLine($"Semantic search over what was indexed, [bold]\"{Markup.Escape(r.SemanticQuery)}\"[/] (cosine, {Markup.Escape(r.Embedder)}):");
        foreach (var (text, similarity) in r.SemanticHits)
        {
            AnsiConsole.MarkupLine($"  {similarity:F2}  {Markup.Escape(text)}");
        }

        if (r.Embedder.StartsWith(EmbeddingOptions.HashingProvider, StringComparison.Ordinal))
        {
            AnsiConsole.MarkupLine("[grey]The hashing embedder matches shared words only; run with --embedder onnx to search by meaning.[/]");
        }

        if (r.OutputFiles.Count > 0)
        {
            AnsiConsole.MarkupLine($"Load them into Elasticsearch with: [grey]curl -H 'Content-Type: application/x-ndjson' --data-binary @{Markup.Escape(r.OutputFiles[0])} http://localhost:9200/_bulk[/]");
        }
    }
}
