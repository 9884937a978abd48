using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Etl.Worker.Generation;

namespace Etl.Worker.Cli;

/// <summary><c>etl-worker generate</c>: synthetic tweets with planted trends, to a file or to Kafka.</summary>
public static class GenerateCommand
{
    public static Command Build()
    {
        var count = new Option<int>("--count") { Description = "How many tweets.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Seed; the same seed gives the same tweets.", DefaultValueFactory = _ => 42 };
        var start = new Option<string>("--start") { Description = "Time of the first tweet (ISO 8601, UTC).", DefaultValueFactory = _ => "2024-05-01T00:00:00Z" };
        var span = new Option<string>("--span") { Description = "Time the tweets are spread over, e.g. 2h.", DefaultValueFactory = _ => "2h" };
        var trends = new Option<string[]>("--trend")
        {
            Description = "A planted trend, label:start:duration:share[:paraphrased] (start from --start), e.g. solar-eclipse:30m:20m:0.3, or power-outage:30m:20m:0.2:paraphrased for a story told in varied words without a hashtag. Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string?>("--out") { Description = "Write Twitter API v1.1 JSON lines to this file ('-' for stdout)." };
        var kafka = new Option<bool>("--kafka") { Description = "Produce Avro tweets to the configured Kafka topic (Kafka__BootstrapServers, SchemaRegistry__Url, Pipeline__Topic)." };
        var command = new Command("generate", "Generates realistic synthetic tweets (deterministic for a seed), with planted trends as ground truth.")
        {
            count, seed, start, span, trends, output, kafka,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            GeneratorSettings settings;
            var howMany = parse.GetValue(count);
            try
            {
                settings = new GeneratorSettings
                {
                    Count = howMany >= 0 ? howMany : throw new FormatException($"--count {howMany} must be zero or more."),
                    Seed = parse.GetValue(seed),
                    Start = DateTimeOffset.Parse(parse.GetValue(start)!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                    Span = Etl.Elastic.Transport.ElasticsearchTimeUnits.Parse(parse.GetValue(span)!, "--span"),
                    Trends = (parse.GetValue(trends) ?? []).Select(PlantedTrend.Parse).ToList(),
                };
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return CommandErrors.BadConfiguration;
            }

            var target = parse.GetValue(output);
            if (target is null == !parse.GetValue(kafka))
            {
                await Console.Error.WriteLineAsync("Say where the tweets go: --out FILE (or --out - for stdout), or --kafka; one of them.");
                return CommandErrors.BadConfiguration;
            }

            if (target is null)
            {
                return await ProduceAsync(settings, cancellationToken);
            }

            var written = WriteJsonLines(settings, target);
            if (target != "-")
            {
                Console.Error.WriteLine($"Wrote {written:N0} tweets to {target}.");
            }

            return 0;
        }));
        return command;
    }

    private static async Task<int> ProduceAsync(GeneratorSettings generator, CancellationToken cancellationToken)
    {
        var settings = Hosting.WorkerSettings.Load(Hosting.WorkerSettings.BuildConfiguration());
        using var registry = Kafka.Registry.AvroSerdes.CreateClient(settings.SchemaRegistry);
        using var producer = new Producing.TweetProducer(settings.Kafka.ToProducerConfig(), registry, settings.Pipeline.Topic);
        foreach (var tweet in new TweetGenerator(generator).Generate())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await producer.ProduceAsync(Mapping.TweetRecordMapper.ToAvro(tweet.Tweet));
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        Console.WriteLine($"Produced {producer.Delivered:N0} tweets to {settings.Pipeline.Topic}; {producer.Failed:N0} not delivered{(producer.LastError is { } e ? " (" + e + ")" : "")}.");
        return producer.Failed == 0 ? 0 : CommandErrors.Failed;
    }

    /// <summary>Writes the generated tweets as v1.1 JSON, one per line; returns how many.</summary>
    public static int WriteJsonLines(GeneratorSettings settings, string target)
    {
        using var stream = target == "-" ? Console.OpenStandardOutput() : File.Create(target);
        using var buffered = new BufferedStream(stream, 1 << 16);
        using var json = new Utf8JsonWriter(buffered, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var written = 0;
        foreach (var tweet in new TweetGenerator(settings).Generate())
        {
            TwitterV1JsonWriter.Write(json, tweet.Tweet);
            json.Flush();
            json.Reset();
            buffered.WriteByte((byte)'\n');
            written++;
        }

        return written;
    }
}
