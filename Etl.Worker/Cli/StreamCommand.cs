using System.CommandLine;
using System.Text.Json;
using Etl.Schemas.Naming;
using Etl.Kafka.Registry;
using Etl.Worker.Hosting;
using Etl.Worker.Producing;
using Etl.Worker.Sources;
using Etl.Worker.Sources.Bluesky;
using Etl.Worker.Sources.X;
using Microsoft.Extensions.Options;

namespace Etl.Worker.Cli;

/// <summary>
/// <c>etl-worker stream x</c> (X API v2 filtered stream, with <c>rules list|add|delete|sync</c>) and
/// <c>etl-worker stream bluesky</c> (Jetstream): live posts to <c>tweets.raw</c> as Avro, keyed by id. Ctrl+C stops
/// cleanly: the hand-off drains, the producer flushes, Bluesky's cursor is saved.
/// </summary>
public static class StreamCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Build()
    {
        var command = new Command("stream", "Streams live posts into tweets.raw: 'x' (X API v2 filtered stream) or 'bluesky' (Jetstream).");
        command.Subcommands.Add(BuildX());
        command.Subcommands.Add(BuildBluesky());
        return command;
    }

    private static Command BuildX()
    {
        var x = new Command("x", "Reads the X API v2 filtered stream (XStream__BearerToken or X_BEARER_TOKEN) into tweets.raw; the rules decide what arrives.");
        x.SetAction((_, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            var (settings, options) = LoadX();
            using var http = StreamingHttpClient();
            using var loggers = Loggers();
            var logger = loggers.CreateLogger("stream.x");
            using var metrics = new SourceMetrics(SourceNetworks.X);
            var stream = new XStreamReader(http, options, metrics, TimeProvider.System, logger);
            return await RunAsync(settings!, metrics, options.HandoffCapacity, stream.RunAsync, null, logger, cancellationToken);
        }));

        var rules = new Command("rules", "Lists, adds, deletes or syncs the filtered stream's rules.");
        var dryRun = new Option<bool>("--dry-run") { Description = "Ask X to validate without changing anything." };

        var list = new Command("list", "Prints the current rules as JSON (a file 'rules sync' accepts).");
        list.SetAction((_, cancellationToken) => RulesAsync(async client =>
        {
            Console.WriteLine(JsonSerializer.Serialize(await client.ListAsync(cancellationToken), Indented));
            return 0;
        }));

        var value = new Option<string>("--value") { Description = "The rule, in X's rule syntax, e.g. \"(solar OR eclipse) lang:en -is:retweet\".", Required = true };
        var tag = new Option<string?>("--tag") { Description = "A label X returns with each matching post." };
        var add = new Command("add", "Adds one rule.") { value, tag, dryRun };
        add.SetAction((parse, cancellationToken) => RulesAsync(async client =>
        {
            var created = await client.AddAsync([new XRule(parse.GetRequiredValue(value), parse.GetValue(tag))], parse.GetValue(dryRun), cancellationToken);
            Console.WriteLine(JsonSerializer.Serialize(created, Indented));
            return 0;
        }));

        var ids = new Option<string[]>("--id") { Description = "Id of a rule to delete (see 'rules list'); repeatable.", Required = true };
        var delete = new Command("delete", "Deletes rules by id.") { ids, dryRun };
        delete.SetAction((parse, cancellationToken) => RulesAsync(async client =>
        {
            await client.DeleteAsync(parse.GetRequiredValue(ids), parse.GetValue(dryRun), cancellationToken);
            Console.WriteLine($"Deleted {parse.GetRequiredValue(ids).Length} rules{(parse.GetValue(dryRun) ? " (dry run)" : "")}.");
            return 0;
        }));

        var file = new Option<FileInfo>("--file") { Description = "JSON array of {\"value\": ..., \"tag\": ...}, or the output of 'rules list'.", Required = true };
        var sync = new Command("sync", "Makes X's rules equal the file: adds and deletes exactly the difference.") { file, dryRun };
        sync.SetAction((parse, cancellationToken) => RulesAsync(async client =>
        {
            var wanted = XRulesFile.Read(parse.GetRequiredValue(file).FullName);
            var result = await client.SyncAsync(wanted, parse.GetValue(dryRun), cancellationToken);
            foreach (var rule in result.Deleted)
            {
                Console.WriteLine($"- {rule.Value}{(rule.Tag is null ? "" : $"  [{rule.Tag}]")}  (id {rule.Id})");
            }

            foreach (var rule in result.Added)
            {
                Console.WriteLine($"+ {rule.Value}{(rule.Tag is null ? "" : $"  [{rule.Tag}]")}");
            }

            Console.WriteLine($"{result.Added.Count} added, {result.Deleted.Count} deleted, {result.Kept.Count} unchanged{(parse.GetValue(dryRun) ? " (dry run: nothing changed)" : "")}.");
            return 0;
        }));

        rules.Subcommands.Add(list);
        rules.Subcommands.Add(add);
        rules.Subcommands.Add(delete);
        rules.Subcommands.Add(sync);
        x.Subcommands.Add(rules);
        return x;
    }

    private static Command BuildBluesky()
    {
        var instances = new Option<string[]>("--instance") { Description = "Jetstream subscribe address; repeatable, tried in turn (default: Bluesky's four public instances)." };
        var dids = new Option<string[]>("--did") { Description = "Only posts by this DID; repeatable." };
        var cursorFile = new Option<string?>("--cursor-file") { Description = "Where the resume position is kept (default Jetstream__CursorFile, jetstream.cursor)." };
        var live = new Option<bool>("--live") { Description = "Ignore the saved cursor and start at the live edge." };
        var command = new Command("bluesky", "Reads Bluesky posts from Jetstream into tweets.raw, resuming from the saved cursor.") { instances, dids, cursorFile, live };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            var overrides = new List<KeyValuePair<string, string?>>();
            AddList(overrides, "Instances", parse.GetValue(instances));
            AddList(overrides, "WantedDids", parse.GetValue(dids));
            if (parse.GetValue(cursorFile) is { } path)
            {
                overrides.Add(new($"{JetstreamOptions.SectionName}:CursorFile", path));
            }

            var configuration = WorkerSettings.BuildConfiguration(overrides);
            var settings = WorkerSettings.Load(configuration);
            var options = Load(configuration, JetstreamOptions.SectionName, new JetstreamOptions(), new JetstreamOptionsValidator());
            var cursor = new CursorFile(options.CursorFile);
            using var loggers = Loggers();
            var logger = loggers.CreateLogger("stream.bluesky");
            using var metrics = new SourceMetrics(SourceNetworks.Bluesky);
            var reader = new JetstreamReader(options, new JetstreamPostMapper(), metrics, TimeProvider.System, logger);
            if (!parse.GetValue(live) && cursor.Read() is { } saved)
            {
                reader.ResumeFrom(saved);
                await Console.Error.WriteLineAsync($"Resuming from cursor {saved} ({DateTimeOffset.FromUnixTimeMilliseconds(saved / 1000):u}) in {cursor.Path}.");
            }

            return await RunAsync(settings, metrics, options.HandoffCapacity, reader.RunAsync, cursor.Write, logger, cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(
        WorkerSettings settings, SourceMetrics metrics, int capacity, Func<SourceHandoff, CancellationToken, Task> read, Action<long>? checkpoint,
        ILogger logger, CancellationToken cancellationToken)
    {
        using var registry = AvroSerdes.CreateClient(settings.SchemaRegistry);
        using var producer = new TweetProducer(settings.Kafka.ToProducerConfig(), registry, settings.Pipeline.Topic);
        var runner = new StreamRunner(producer, metrics, TimeProvider.System, logger);
        using var progressStop = new CancellationTokenSource();
        var progress = Console.IsErrorRedirected
            ? Task.CompletedTask
            : ProgressLine.RunAsync(metrics, Console.Error, TimeSpan.FromSeconds(1), progressStop.Token);
        var result = await runner.RunAsync(capacity, read, checkpoint, cancellationToken);
        await progressStop.CancelAsync();
        await progress;
        Console.WriteLine($"{metrics.Describe()}{(result.SavedCursor is { } c ? $" · cursor {c}" : "")}");
        if (result.Failure is XApiException api)
        {
            await Console.Error.WriteLineAsync(api.Message);
            return CommandErrors.BadConfiguration;
        }

        if (result.Failure is { } failure)
        {
            await Console.Error.WriteLineAsync($"The stream stopped: {failure.Message}");
            return CommandErrors.Failed;
        }

        return result.Failed > 0 ? CommandErrors.Failed : 0;
    }

    private static Task<int> RulesAsync(Func<XRulesClient, Task<int>> action) => CommandErrors.RunAsync(async () =>
    {
        var (_, options) = LoadX(kafkaToo: false);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            return await action(new XRulesClient(http, options));
        }
        catch (XApiException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return CommandErrors.Failed;
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync($"Cannot reach {options.BaseUrl}: {ex.Message}. Check {XStreamOptions.SectionName}:BaseUrl and the network.");
            return CommandErrors.Failed;
        }
    });

    private static (WorkerSettings? Settings, XStreamOptions Options) LoadX(bool kafkaToo = true)
    {
        var configuration = WorkerSettings.BuildConfiguration();
        var settings = kafkaToo ? WorkerSettings.Load(configuration) : null;
        var options = Load(configuration, XStreamOptions.SectionName, new XStreamOptions(), new XStreamOptionsValidator());
        if (string.IsNullOrWhiteSpace(options.BearerToken))
        {
            options.BearerToken = Environment.GetEnvironmentVariable("X_BEARER_TOKEN");
        }

        return (settings, options);
    }

    private static T Load<T>(IConfiguration configuration, string section, T options, IValidateOptions<T> validator)
        where T : class
    {
        var problems = new List<string>();
        WorkerSettings.Bind(configuration, section, options, validator, problems);
        return problems.Count == 0 ? options : throw new ConfigurationProblemsException(problems);
    }

    private static void AddList(List<KeyValuePair<string, string?>> overrides, string key, string[]? values)
    {
        for (var i = 0; values is not null && i < values.Length; i++)
        {
            overrides.Add(new($"{JetstreamOptions.SectionName}:{key}:{i}", values[i]));
        }
    }

    /// <summary>The stream is one endless response: no overall timeout (the stall timer watches it), but a bounded connect.</summary>
    private static HttpClient StreamingHttpClient() =>
        new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    private static ILoggerFactory Loggers() =>
        LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
}
