using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Avro;
using Avro.IO;
using Avro.Specific;
using Etl.Testing.Reference;
using etl.tweets;
using Etl.Worker.Cli;

namespace Etl.Worker.Tests.Cli;

public sealed class AvroCommandsTests : IDisposable
{
    private const string Python = "/usr/bin/python3";

    // Reads a container with Apache Avro's Python implementation and writes every record into a new container with the
    // codec given; prints the input's codec and the record count.
    private const string PythonRewrite = """
        import sys, avro.datafile, avro.io, avro.schema
        reader = avro.datafile.DataFileReader(open(sys.argv[1], 'rb'), avro.io.DatumReader())
        schema = avro.schema.parse(reader.meta['avro.schema'].decode('utf-8'))
        codec = (reader.meta.get('avro.codec') or b'null').decode('utf-8')
        writer = avro.datafile.DataFileWriter(open(sys.argv[2], 'wb'), avro.io.DatumWriter(), schema, codec=sys.argv[3])
        count = 0
        for record in reader:
            writer.append(record)
            count += 1
        writer.close()
        print(codec, count)
        """;

    // Every type of the reference interop.avsc, in the form `avro tojson` prints (shortest numbers, bytes as code points 0-255).
    private static readonly string[] InteropLines =
    [
        """{"intField":12,"longField":-15234324789,"stringField":"hé ☔ \"q\"","boolField":true,"floatField":1.5,"doubleField":3.14159,"bytesField":"\u0000ÿ ab","nullField":null,"arrayField":[1.5,-2.25,1E+300],"mapField":{"a":{"label":"x"},"b":{"label":""}},"unionField":{"array":["\u0001b",""]},"enumField":"B","fixedField":"0123456789abcdeÿ","recordField":{"label":"root","children":[{"label":"leaf","children":[]}]}}""",
        """{"intField":-1,"longField":0,"stringField":"","boolField":false,"floatField":-0.25,"doubleField":"NaN","bytesField":"","nullField":null,"arrayField":[],"mapField":{},"unionField":{"double":2.5},"enumField":"C","fixedField":"\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000","recordField":{"label":"only","children":[]}}""",
        """{"intField":2147483647,"longField":9223372036854775807,"stringField":"x","boolField":true,"floatField":"Infinity","doubleField":-1E-300,"bytesField":"x","nullField":null,"arrayField":[0],"mapField":{"k":{"label":"v"}},"unionField":{"array":[]},"enumField":"A","fixedField":"ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ","recordField":{"label":"r","children":[{"label":"a","children":[{"label":"b","children":[]}]}]}}""",
    ];

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
        Assert.Equal(7843277075252814651L.ToString("x16", CultureInfo.InvariantCulture), lines[1]);
    }

    [SkippableFact]
    public void Fingerprint_matches_every_vector_of_the_reference_schema_tests()
    {
        var cases = ParseSchemaTests(File.ReadAllLines(ReferenceData.Require("avro/share/test/data/schema-tests.txt")));
        Assert.Equal(34, cases.Count);
        var schemaPath = Path.Combine(directory, "vector.avsc");
        foreach (var (input, canonical, fingerprint) in cases)
        {
            File.WriteAllText(schemaPath, input);
            var (exit, output, error) = CliRun.Invoke("avro", "fingerprint", schemaPath);
            Assert.True(exit == 0, $"{input}: {error}");
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
            Assert.Equal(canonical, lines[0]);
            if (fingerprint is { } expected)
            {
                Assert.Equal(expected.ToString("x16", CultureInfo.InvariantCulture), lines[1]);
            }
        }
    }

    [Fact]
    public void Fingerprint_of_an_invalid_schema_exits_2_naming_the_file()
    {
        var schemaPath = Path.Combine(directory, "bad.avsc");
        File.WriteAllText(schemaPath, """{"type":"record","name":"R","fields":[{"name":"a","type":"nope"}]}""");
        var (exit, _, error) = CliRun.Invoke("avro", "fingerprint", schemaPath);
        Assert.Equal(AvroCommands.InvalidInput, exit);
        Assert.Contains("bad.avsc", error, StringComparison.Ordinal);
        Assert.Contains("nope", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("deflate")]
    public void Fromjson_then_tojson_gives_back_the_same_lines(string codec)
    {
        var (schemaPath, jsonPath) = WriteInput("Tweet.avsc");
        var avroPath = Path.Combine(directory, "t.avro");
        var (exit, _, error) = CliRun.Invoke("avro", "fromjson", "--schema", schemaPath, "--in", jsonPath, "--out", avroPath, "--codec", codec);
        Assert.True(exit == 0, error);
        using (var reader = global::Avro.File.DataFileReader<Tweet>.OpenReader(avroPath, Tweet._SCHEMA))
        {
            Assert.Equal(codec, reader.GetMetaString("avro.codec"));
        }

        var (exit2, output, _) = CliRun.Invoke("avro", "tojson", avroPath);
        Assert.Equal(0, exit2);
        AssertSameJsonLines(File.ReadAllLines(jsonPath), Lines(output));
    }

    [Fact]
    public void Fromjson_fills_defaults_accepts_any_field_order_and_keeps_the_schema_in_the_header()
    {
        var schemaPath = Path.Combine(directory, "r.avsc");
        const string Schema = """{"type":"record","name":"R","namespace":"n","fields":[{"name":"a","type":"long"},{"name":"t","type":{"type":"long","logicalType":"timestamp-millis"}},{"name":"o","type":["null","string"],"default":null},{"name":"l","type":{"type":"array","items":"int"},"default":[4]}]}""";
        File.WriteAllText(schemaPath, Schema);
        var jsonPath = Path.Combine(directory, "r.jsonl");

        // A timestamp far beyond year 9999 is still just a long in the file and in the JSON encoding.
        File.WriteAllLines(jsonPath, ["""{"t":9223372036854775807,"a":1}"""]);
        var avroPath = Path.Combine(directory, "r.avro");
        var (exit, _, error) = CliRun.Invoke("avro", "fromjson", "--schema", schemaPath, "--in", jsonPath, "--out", avroPath);
        Assert.True(exit == 0, error);

        var (_, output, _) = CliRun.Invoke("avro", "tojson", avroPath);
        Assert.Equal(["""{"a":1,"t":9223372036854775807,"o":null,"l":[4]}"""], Lines(output));
        using var reader = global::Avro.File.DataFileReader<object>.OpenReader(avroPath);
        Assert.Equal(global::Avro.Schema.Parse(Schema), reader.GetSchema());
    }

    [Fact]
    public void Fromjson_with_a_bad_line_exits_2_names_the_line_and_field_and_leaves_no_file()
    {
        var (schemaPath, jsonPath) = WriteInput("Tweet.avsc");
        File.AppendAllText(jsonPath, """{"id":"not a number"}""" + "\n");
        var avroPath = Path.Combine(directory, "bad.avro");
        var (exit, _, error) = CliRun.Invoke("avro", "fromjson", "--schema", schemaPath, "--in", jsonPath, "--out", avroPath);
        Assert.Equal(AvroCommands.InvalidInput, exit);
        Assert.Contains("input line 3", error, StringComparison.Ordinal);
        Assert.Contains("field id", error, StringComparison.Ordinal);
        Assert.False(File.Exists(avroPath));
        Assert.False(File.Exists(avroPath + ".tmp"));
    }

    [Theory]
    [InlineData("""{"id":1,"typo":2}""", "has no field 'typo'")]
    [InlineData("""{"user":{"id":1}}""", "Field 'id' of record 'etl.tweets.Tweet' is missing")]
    [InlineData("""{"id":1,"created_at":1,"text":"t","user":{"id":1,"screen_name":"s"},"lang":"en"}""", "must be an object with exactly one property naming the branch")]
    [InlineData("""{"id":1,"created_at":1,"text":"t","user":{"id":1,"screen_name":"s"},"lang":{"int":1}}""", "'int' is not a branch of the union [null, string]")]
    [InlineData("not json", "Input is not valid JSON")]
    public void Fromjson_names_what_is_wrong_with_a_line(string line, string expected)
    {
        var (schemaPath, _) = WriteInput("Tweet.avsc");
        var jsonPath = Path.Combine(directory, "one.jsonl");
        File.WriteAllLines(jsonPath, [line]);
        var (exit, _, error) = CliRun.Invoke("avro", "fromjson", "--schema", schemaPath, "--in", jsonPath, "--out", Path.Combine(directory, "one.avro"));
        Assert.Equal(AvroCommands.InvalidInput, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("input line 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tojson_on_a_file_that_is_not_avro_exits_2_with_the_reason()
    {
        var path = Path.Combine(directory, "x.avro");
        File.WriteAllText(path, "hello");
        var (exit, _, error) = CliRun.Invoke("avro", "tojson", path);
        Assert.Equal(AvroCommands.InvalidInput, exit);
        Assert.Contains("magic", error, StringComparison.Ordinal);
        Assert.Contains(path, error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("weather.avro")]
    [InlineData("weather-deflate.avro")]
    public void Tojson_of_the_reference_weather_files_is_weather_json(string file)
    {
        var expected = File.ReadAllLines(ReferenceData.Require("avro/share/test/data/weather.json"));
        var (exit, output, error) = CliRun.Invoke("avro", "tojson", ReferenceData.Require("avro/share/test/data/" + file));
        Assert.True(exit == 0, error);
        Assert.Equal(expected, Lines(output));
    }

    [SkippableFact]
    public void Tojson_of_a_snappy_file_says_which_codecs_are_supported()
    {
        var (exit, _, error) = CliRun.Invoke("avro", "tojson", ReferenceData.Require("avro/share/test/data/weather-snappy.avro"));
        Assert.Equal(AvroCommands.InvalidInput, exit);
        Assert.Contains("null and deflate", error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("avro/lang/c/tests/avro-1238-truncated.avro")]
    [InlineData("avro/lang/c/tests/avro-1237-bad-union-discriminant.avro")]
    public void Tojson_of_a_corrupt_file_exits_2_naming_the_file_and_record_without_a_stack_trace(string file)
    {
        var path = ReferenceData.Require(file);
        var (exit, _, error) = CliRun.Invoke("avro", "tojson", path);
        Assert.Equal(AvroCommands.InvalidInput, exit);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.Contains("cannot be decoded", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Avro.", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Every_prefix_of_a_container_file_prints_whole_records_or_exits_2()
    {
        var bytes = File.ReadAllBytes(ReferenceData.Require("avro/share/test/data/weather-deflate.avro"));
        var expected = File.ReadAllLines(ReferenceData.Require("avro/share/test/data/weather.json"));
        var path = Path.Combine(directory, "prefix.avro");
        for (var length = 0; length < bytes.Length; length++)
        {
            File.WriteAllBytes(path, bytes[..length]);
            var (exit, output, error) = CliRun.Invoke("avro", "tojson", path);
            var printed = Lines(output).ToArray();
            Assert.True(exit is 0 or AvroCommands.InvalidInput, $"prefix of {length} bytes: exit {exit} {error}");
            Assert.True(exit == 0 || error.StartsWith("error: ", StringComparison.Ordinal), $"prefix of {length} bytes: {error}");
            Assert.Equal(expected.Take(printed.Length), printed);
        }
    }

    [SkippableFact]
    public void Files_written_by_fromjson_are_read_by_apache_avro_python_and_its_files_decode_with_ours()
    {
        Skip.IfNot(PythonAvroInstalled(), "Apache Avro for Python is not installed (apt-get install -y python3-avro); test.sh installs it.");
        var (schemaPath, jsonPath) = WriteInput("Tweet.avsc");
        var ours = Path.Combine(directory, "ours.avro");
        var theirs = Path.Combine(directory, "theirs.avro");
        Assert.Equal(0, CliRun.Invoke("avro", "fromjson", "--schema", schemaPath, "--in", jsonPath, "--out", ours).ExitCode);
        Assert.Equal("null 2", RunPython(ours, theirs, "deflate"));

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

        // Apache's file, turned back into JSON by `avro tojson`, is the input line for line.
        var (_, output, _) = CliRun.Invoke("avro", "tojson", theirs);
        AssertSameJsonLines(File.ReadAllLines(jsonPath), Lines(output));
    }

    [SkippableTheory]
    [InlineData("Tweet.avsc", "null")]
    [InlineData("Tweet.avsc", "deflate")]
    [InlineData("DeadLetter.avsc", "null")]
    [InlineData("DeadLetter.avsc", "deflate")]
    [InlineData("interop.avsc", "null")]
    [InlineData("interop.avsc", "deflate")]
    public void Python_reads_what_fromjson_writes_and_what_python_writes_reads_back_equal(string schema, string codec)
    {
        Skip.IfNot(PythonAvroInstalled(), "Apache Avro for Python is not installed (apt-get install -y python3-avro); test.sh installs it.");
        var (schemaPath, jsonPath) = WriteInput(schema);
        var ours = Path.Combine(directory, "ours.avro");
        var theirs = Path.Combine(directory, "theirs.avro");
        var (exit, _, error) = CliRun.Invoke("avro", "fromjson", "--schema", schemaPath, "--in", jsonPath, "--out", ours, "--codec", codec);
        Assert.True(exit == 0, error);
        var lines = File.ReadAllLines(jsonPath);

        // Python reads our file (with the codec we wrote) and writes every record back with the same codec.
        Assert.Equal($"{codec} {lines.Length}", RunPython(ours, theirs, codec));
        var (exit2, output, error2) = CliRun.Invoke("avro", "tojson", theirs);
        Assert.True(exit2 == 0, error2);
        AssertSameJsonLines(lines, Lines(output));
    }

    private (string SchemaPath, string JsonPath) WriteInput(string schema)
    {
        var schemaPath = Path.Combine(directory, schema);
        var jsonPath = Path.Combine(directory, Path.ChangeExtension(schema, ".jsonl"));
        switch (schema)
        {
            case "Tweet.avsc":
                File.WriteAllText(schemaPath, TweetSchemas.ReadText(schema));
                File.WriteAllLines(jsonPath, SampleTweets().Select(t => ApacheJson(t, Tweet._SCHEMA)));
                break;
            case "DeadLetter.avsc":
                File.WriteAllText(schemaPath, TweetSchemas.ReadText(schema));
                File.WriteAllLines(jsonPath, SampleDeadLetters().Select(d => ApacheJson(d, DeadLetter._SCHEMA)));
                break;
            default:
                File.WriteAllText(schemaPath, ReferenceData.ReadText("avro/share/test/schemas/" + schema));
                File.WriteAllLines(jsonPath, InteropLines);
                break;
        }

        return (schemaPath, jsonPath);
    }

    private static Tweet[] SampleTweets() =>
    [
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
    ];

    private static DeadLetter[] SampleDeadLetters() =>
    [
        new DeadLetter
        {
            SourceTopic = "tweets.raw",
            SourcePartition = 5,
            SourceOffset = 9_000_000_001,
            SourceTimestamp = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_999),
            Key = [0x00, 0x7f, 0x80, 0xff],
            Value = [0x00, 0x00, 0x00, 0x00, 0x01, 0x02],
            Stage = DeadLetterStage.index,
            ErrorType = "mapper_parsing_exception",
            ErrorMessage = "failed to parse field [coordinates] ☔",
            EsStatus = 400,
            EsReason = "failed to parse",
            Attempts = 3,
            FailedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_001_000),
        },
        new DeadLetter
        {
            SourceTopic = "t",
            SourcePartition = 0,
            SourceOffset = 0,
            Stage = DeadLetterStage.deserialize,
            ErrorType = "",
            ErrorMessage = "",
            FailedAt = DateTimeOffset.UnixEpoch,
        },
    ];

    // One line of the Avro JSON encoding as Apache Avro's own JsonEncoder writes it, an implementation independent of ours.
    private static string ApacheJson<T>(T record, Schema schema)
    {
        using var buffer = new MemoryStream();
        var encoder = new JsonEncoder(schema, buffer);
        new SpecificDatumWriter<T>(schema).Write(record, encoder);
        encoder.Flush();
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    // Same values line for line; the text may differ where JSON allows (Apache's JsonEncoder leaves U+007F unescaped, we escape it).
    private static void AssertSameJsonLines(string[] expected, IEnumerable<string> actual)
    {
        var lines = actual.ToList();
        Assert.Equal(expected.Length, lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected[i]), JsonNode.Parse(lines[i])), $"line {i + 1}:\n expected {expected[i]}\n actual   {lines[i]}");
        }
    }

    private static IEnumerable<string> Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'));

    private static string RunPython(string input, string output, string codec)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", PythonRewrite, input, output, codec })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "python did not finish");
        Assert.True(process.ExitCode == 0, stderr.Result);
        return stdout.Trim();
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

    // share/test/data/schema-tests.txt: "// 000" starts a case; <<INPUT, <<canonical and <<fingerprint give its parts.
    private static List<(string Input, string Canonical, long? Fingerprint)> ParseSchemaTests(string[] lines)
    {
        var result = new List<(string, string, long?)>();
        string? input = null;
        string? canonical = null;
        long? fingerprint = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("// 0", StringComparison.Ordinal) && input is not null)
            {
                result.Add((input, canonical!, fingerprint));
                (input, canonical, fingerprint) = (null, null, null);
            }

            if (line.StartsWith("<<INPUT", StringComparison.Ordinal))
            {
                var rest = line["<<INPUT".Length..].Trim();
                if (rest.Length > 0)
                {
                    input = rest;
                }
                else
                {
                    var block = new List<string>();
                    while (lines[++i] != "INPUT")
                    {
                        block.Add(lines[i]);
                    }

                    input = string.Join('\n', block);
                }
            }
            else if (line.StartsWith("<<canonical", StringComparison.Ordinal))
            {
                canonical = line["<<canonical".Length..].Trim();
            }
            else if (line.StartsWith("<<fingerprint", StringComparison.Ordinal))
            {
                fingerprint = long.Parse(line["<<fingerprint".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        if (input is not null)
        {
            result.Add((input, canonical!, fingerprint));
        }

        return result;
    }
}
