using System.Diagnostics;
using Etl.Schemas.Avro;
using Etl.Schemas.Avro.Json;
using etl.tweets;
using Etl.Worker.Cli;

namespace Etl.Worker.Tests.Cli;

public sealed class AvroCommandsTests : IDisposable
{
    private const string Python = "/usr/bin/python3";

    // Reads a container with Apache Avro's Python implementation and writes every record into a new deflate container.
    private const string PythonRewrite = """
        import sys, avro.datafile, avro.io, avro.schema
        reader = avro.datafile.DataFileReader(open(sys.argv[1], 'rb'), avro.io.DatumReader())
        schema = avro.schema.parse(reader.meta['avro.schema'].decode('utf-8'))
        writer = avro.datafile.DataFileWriter(open(sys.argv[2], 'wb'), avro.io.DatumWriter(), schema, codec='deflate')
        count = 0
        for record in reader:
            writer.append(record)
            count += 1
        writer.close()
        print(count)
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("avro-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Fingerprint_prints_canonical_form_then_16_hex_digits()
    {
        var schemaPath = Path.Combine(directory, "s.avsc");
        File.WriteAllText(schemaPath, """{"type":"record","name":"foo","doc":"ignored","fields":[{"name":"f1","type":"boolean","default":true}]}""");
        var (exit, output, _) = CliRun.Invoke("avro", "fingerprint", schemaPath);
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("""{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"}]}""", lines[0]);

        // schema-tests.txt vector 025: 7843277075252814651.
        Assert.Equal(7843277075252814651L.ToString("x16", System.Globalization.CultureInfo.InvariantCulture), lines[1]);
    }

    [Fact]
    public void Fromjson_then_tojson_gives_back_the_same_lines()
    {
        var (schemaPath, jsonPath) = WriteTweetInput();
        var avroPath = Path.Combine(directory, "t.avro");
        var (exit, _, error) = CliRun.Invoke("avro", "fromjson", "--schema", schemaPath, "--in", jsonPath, "--out", avroPath, "--codec", "deflate");
        Assert.True(exit == 0, error);
        var (exit2, output, _) = CliRun.Invoke("avro", "tojson", avroPath);
        Assert.Equal(0, exit2);
        Assert.Equal(File.ReadAllLines(jsonPath), output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void Fromjson_with_a_bad_line_exits_2_names_the_line_and_field_and_leaves_no_file()
    {
        var (schemaPath, jsonPath) = WriteTweetInput();
        File.AppendAllText(jsonPath, """{"id":"not a number"}""" + "\n");
        var avroPath = Path.Combine(directory, "bad.avro");
        var (exit, _, error) = CliRun.Invoke("avro", "fromjson", "--schema", schemaPath, "--in", jsonPath, "--out", avroPath);
        Assert.Equal(AvroCommands.InvalidInput, exit);
        Assert.Contains("input line 3", error, StringComparison.Ordinal);
        Assert.Contains("field id", error, StringComparison.Ordinal);
        Assert.False(File.Exists(avroPath));
        Assert.False(File.Exists(avroPath + ".tmp"));
    }

    [Fact]
    public void Tojson_on_a_file_that_is_not_avro_exits_2_with_the_reason()
    {
        var path = Path.Combine(directory, "x.avro");
        File.WriteAllText(path, "hello");
        var (exit, _, error) = CliRun.Invoke("avro", "tojson", path);
        Assert.Equal(AvroCommands.InvalidInput, exit);
        Assert.Contains("magic", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Files_written_by_fromjson_are_read_by_apache_avro_python_and_its_files_decode_with_ours()
    {
        Skip.IfNot(PythonAvroInstalled(), "Apache Avro for Python is not installed (apt-get install -y python3-avro); test.sh installs it.");
        var (schemaPath, jsonPath) = WriteTweetInput();
        var ours = Path.Combine(directory, "ours.avro");
        var theirs = Path.Combine(directory, "theirs.avro");
        Assert.Equal(0, CliRun.Invoke("avro", "fromjson", "--schema", schemaPath, "--in", jsonPath, "--out", ours).ExitCode);

        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(PythonRewrite);
        start.ArgumentList.Add(ours);
        start.ArgumentList.Add(theirs);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "python did not finish");
        Assert.True(process.ExitCode == 0, stderr);
        Assert.Equal("2", stdout.Trim());

        // Apache Avro's C# reader into the specific record class, as a consumer in another service would read it.
        using var reader = global::Avro.File.DataFileReader<Tweet>.OpenReader(theirs, Tweet._SCHEMA);
        Assert.Equal("deflate", reader.GetMetaString("avro.codec"));
        var tweets = reader.NextEntries.ToList();
        Assert.Equal(2, tweets.Count);
        Assert.Equal("Rain in #Manchester ☔", tweets[0].Text);
        Assert.Equal(new Coordinates(53.4808, -2.2426), tweets[0].Coordinates);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_600_000_000_123), tweets[0].CreatedAt);
        Assert.Equal(["Manchester"], tweets[0].Entities!.Hashtags);
        Assert.Null(tweets[1].Place);

        // Apache's file, turned back into JSON by our reader, is the input line for line.
        var (_, output, _) = CliRun.Invoke("avro", "tojson", theirs);
        Assert.Equal(File.ReadAllLines(jsonPath), output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    private (string SchemaPath, string JsonPath) WriteTweetInput()
    {
        var schemaPath = Path.Combine(directory, "Tweet.avsc");
        File.WriteAllText(schemaPath, TweetSchemas.ReadText("Tweet.avsc"));
        var schema = AvroSchema.Parse(TweetSchemas.ReadText("Tweet.avsc"));
        var tweets = new[]
        {
            new Tweet
            {
                Id = 1_234_567_890_123_456_789,
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_600_000_000_123),
                Text = "Rain in #Manchester ☔",
                Lang = "en",
                User = new TweetUser { Id = 98765, ScreenName = "weather_fan", FollowersCount = 12, Verified = true },
                Coordinates = new Coordinates(53.4808, -2.2426),
                Place = new Place { Id = "315b740b108481f6", CountryCode = "GB", BoundingBox = [new LonLat(-2.32, 53.34), new LonLat(-2.14, 53.54)] },
                Entities = new Entities { Hashtags = ["Manchester"], Mentions = [new Mention("metoffice", 17)], Urls = [new UrlEntity("https://t.co/x")] },
                LikeCount = 17,
                InReplyToStatusId = 99,
            },
            new Tweet { Id = 2, CreatedAt = DateTimeOffset.UnixEpoch, Text = "\"quoted\" \\ line\nbreak", User = new TweetUser { Id = 3, ScreenName = "u" } },
        };
        var jsonPath = Path.Combine(directory, "tweets.jsonl");
        var generic = new GenericDatumReader(schema);
        File.WriteAllLines(jsonPath, tweets.Select(t =>
        {
            using var bytes = new MemoryStream();
            new global::Avro.Specific.SpecificDatumWriter<Tweet>(Tweet._SCHEMA).Write(t, new global::Avro.IO.BinaryEncoder(bytes));
            return AvroJsonWriter.ToJson(schema, generic.Read(bytes.ToArray()));
        }));
        return (schemaPath, jsonPath);
    }

    private static bool PythonAvroInstalled()
    {
        if (!File.Exists(Python))
        {
            return false;
        }

        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import avro.datafile"]) { RedirectStandardError = true })!;
        process.WaitForExit(30_000);
        return process.ExitCode == 0;
    }
}
