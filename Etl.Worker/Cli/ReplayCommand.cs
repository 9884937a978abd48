using System.CommandLine;
using System.Diagnostics;
using Etl.Kafka.Registry;
using Etl.Worker.Hosting;
using Etl.Worker.Producing;

namespace Etl.Worker.Cli;

/// <summary>
/// <c>etl-worker replay --file F [--rate N] [--loop]</c>: reads tweets in the formats <c>enrich</c> reads and produces
/// them as Avro to <c>tweets.raw</c>. A bad line is reported with its number and skipped.
/// </summary>
public static class ReplayCommand
{
    public static Command Build()
    {
        var file = new Option<FileInfo>("--file") { Description = "Twitter API v1.1 or v2 JSON (lines, an array, a search response, or v2 pages).", Required = true };
        var rate = new Option<int>("--rate") { Description = "Tweets per second; 0 for as fast as the broker takes them.", DefaultValueFactory = _ => 0 };
        var loop = new Option<bool>("--loop") { Description = "Start again at the end of the file until stopped." };
        var command = new Command("replay", "Produces the tweets of a JSON file to tweets.raw as Avro, optionally at a fixed rate and in a loop.") { file, rate, loop };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"--file {path.FullName} does not exist.");
                return CommandErrors.BadConfiguration;
            }

            var perSecond = parse.GetValue(rate);
            if (perSecond < 0)
            {
                await Console.Error.WriteLineAsync($"--rate {perSecond} must be 0 (unlimited) or more.");
                return CommandErrors.BadConfiguration;
            }

            var settings = WorkerSettings.Load(WorkerSettings.BuildConfiguration());
            using var registry = AvroSerdes.CreateClient(settings.SchemaRegistry);
            using var producer = new TweetProducer(settings.Kafka.ToProducerConfig(), registry, settings.Pipeline.Topic);
            var clock = Stopwatch.StartNew();
            var replayer = new TweetFileReplayer(producer, Console.Error);
            try
            {
                await replayer.ReplayAsync(path, perSecond, parse.GetValue(loop), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C ends a --loop replay; what was queued is still flushed below.
            }

            var bad = replayer.BadLines;
            producer.Flush(TimeSpan.FromSeconds(60));
            Console.WriteLine($"Replayed {producer.Delivered:N0} tweets to {settings.Pipeline.Topic} in {clock.Elapsed.TotalSeconds:F1}s; {bad} bad lines, {producer.Failed} not delivered.");
            return bad > 0 || producer.Failed > 0 ? CommandErrors.Failed : 0;
        }));
        return command;
    }
}
