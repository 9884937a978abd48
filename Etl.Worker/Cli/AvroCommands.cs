using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Avro;
using Avro.File;
using Avro.Generic;

namespace Etl.Worker.Cli;

/// <summary>
/// <c>etl-worker avro ...</c>: inspect and produce Avro container files and schemas, on Apache Avro (container files,
/// schema parsing, Parsing Canonical Form and fingerprints) with our JSON mapping (<see cref="AvroJsonReader"/>,
/// <see cref="AvroJsonWriter"/>).
/// </summary>
public static partial class AvroCommands
{
    /// <summary>Exit code for bad input (invalid schema, undecodable file, JSON that does not match the schema).</summary>
    public const int InvalidInput = 2;

    private static readonly byte[] ContainerMagic = [(byte)'O', (byte)'b', (byte)'j', 1];

    public static Command Build()
    {
        var avro = new Command("avro", "Avro tools: container files to and from JSON, schema fingerprints.");
        avro.Subcommands.Add(BuildToJson());
        avro.Subcommands.Add(BuildFromJson());
        avro.Subcommands.Add(BuildFingerprint());
        return avro;
    }

    private static Command BuildToJson()
    {
        var file = new Argument<FileInfo>("file") { Description = "Avro object container file (.avro)." };
        var command = new Command("tojson", "Prints every record of an Avro container file as one JSON object per line (Avro JSON encoding).") { file };
        command.SetAction(parse => Run(parse, output => WriteJsonLines(parse.GetRequiredValue(file).FullName, output)));
        return command;
    }

    private static Command BuildFromJson()
    {
        var schemaOption = new Option<FileInfo>("--schema") { Description = "Schema file (.avsc).", Required = true };
        var input = new Option<FileInfo>("--in") { Description = "Input: one JSON object per line, in the Avro JSON encoding.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Output Avro container file.", Required = true };
        var codec = new Option<string>("--codec") { Description = "Block codec.", DefaultValueFactory = _ => DataFileConstants.NullCodec };
        codec.AcceptOnlyFromAmong(DataFileConstants.NullCodec, DataFileConstants.DeflateCodec);
        var command = new Command("fromjson", "Writes an Avro container file from JSON lines.") { schemaOption, input, output, codec };
        command.SetAction(parse => Run(parse, log =>
        {
            var schema = ParseSchemaFile(parse.GetRequiredValue(schemaOption).FullName);
            var inputPath = parse.GetRequiredValue(input).FullName;
            var target = parse.GetRequiredValue(output).FullName;
            var count = WriteContainer(schema, inputPath, target, parse.GetValue(codec) ?? DataFileConstants.NullCodec);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {count} records to {target}"));
        }));
        return command;
    }

    private static Command BuildFingerprint()
    {
        var file = new Argument<FileInfo>("schema") { Description = "Schema file (.avsc)." };
        var command = new Command("fingerprint", "Prints the schema's Parsing Canonical Form, then its 64-bit Rabin fingerprint as 16 hex digits.") { file };
        command.SetAction(parse => Run(parse, output =>
        {
            var schema = ParseSchemaFile(parse.GetRequiredValue(file).FullName);
            output.WriteLine(SchemaNormalization.ToParsingForm(schema));
            output.WriteLine(unchecked((ulong)SchemaNormalization.ParsingFingerprint64(schema)).ToString("x16", CultureInfo.InvariantCulture));
        }));
        return command;
    }

    private static void WriteJsonLines(string path, TextWriter output)
    {
        using var stream = File.OpenRead(path);
        var magic = new byte[ContainerMagic.Length];
        if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length || !magic.AsSpan().SequenceEqual(ContainerMagic))
        {
            throw new AvroInputException(
                $"'{path}' is not an Avro object container file: it does not start with the magic bytes 'Obj' 0x01. Give a .avro container file (etl-worker avro fromjson writes one).");
        }

        stream.Position = 0;
        Schema? plain = null;
        IFileReader<object> reader;
        try
        {
            reader = DataFileReader<object>.OpenReader(stream, null, (writer, _) =>
            {
                plain = AvroJsonSchema.WithoutLogicalTypes(writer);
                return new GenericDatumReader<object>(plain, plain);
            });
        }
        catch (FileNotFoundException ex) when (ex.FileName?.StartsWith("Avro.File.", StringComparison.Ordinal) == true)
        {
            // Apache Avro resolves codecs other than null and deflate from separate packages (Avro.File.Snappy, ...).
            throw new AvroInputException(
                $"'{path}' uses a block codec this build cannot read (Apache Avro looked for {ex.FileName.Split(',')[0]}). etl-worker avro reads and writes the null and deflate codecs; rewrite the file with one of those.", ex);
        }
        catch (AvroException ex)
        {
            throw new AvroInputException($"'{path}' has an unreadable container header: {Describe(ex)}.", ex);
        }

        using (reader)
        {
            var count = 0;
            while (true)
            {
                object record;
                try
                {
                    if (!reader.HasNext())
                    {
                        break;
                    }

                    record = reader.Next();
                }
                catch (Exception ex) when (ex is AvroException or EndOfStreamException or InvalidDataException)
                {
                    throw new AvroInputException(
                        string.Create(CultureInfo.InvariantCulture, $"'{path}': record {count + 1} cannot be decoded: {Describe(ex)}. The file is truncated or corrupt; {count} records before it were printed."),
                        ex);
                }

                output.WriteLine(AvroJsonWriter.ToJson(plain!, record));
                count++;
            }
        }
    }

    private static int WriteContainer(Schema schema, string inputPath, string target, string codec)
    {
        var datumWriter = new PlainDatumWriter(schema);

        // Write beside the target and move into place, so a failure never leaves a half-written file behind.
        var temporary = target + ".tmp";
        var count = 0;
        try
        {
            using (var writer = DataFileWriter<object>.OpenWriter(datumWriter, File.Create(temporary), Codec.CreateCodecFromString(codec)))
            {
                var lineNumber = 0;
                foreach (var line in File.ReadLines(inputPath))
                {
                    lineNumber++;
                    if (string.IsNullOrWhiteSpace(line))
                    {
                        continue;
                    }

                    try
                    {
                        writer.Append(AvroJsonReader.Read(line, datumWriter.PlainSchema)!);
                    }
                    catch (AvroInputException ex)
                    {
                        ex.AddContext(string.Create(CultureInfo.InvariantCulture, $"input line {lineNumber} of {inputPath}"));
                        throw;
                    }

                    count++;
                }
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return count;
    }

    private static Schema ParseSchemaFile(string path)
    {
        var text = File.ReadAllText(path);
        try
        {
            return Schema.Parse(text);
        }
        catch (SchemaParseException ex)
        {
            throw new AvroInputException($"'{path}' is not a valid Avro schema: {ex.Message}", ex);
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            throw new AvroInputException($"'{path}' is not a valid Avro schema: it is not JSON ({ex.Message})", ex);
        }
    }

    // Apache Avro folds an inner exception into the outer message with its type name and stack trace; keep the reasons.
    private static string Describe(Exception ex)
    {
        var firstLine = ex.Message.Split('\n', 2)[0].TrimEnd('\r', '.', ' ');
        return ExceptionTypeName().Replace(firstLine, string.Empty);
    }

    [GeneratedRegex(@"\b(?:[A-Za-z_][\w]*\.)+[A-Za-z_]\w*Exception: ")]
    private static partial Regex ExceptionTypeName();

    private static int Run(ParseResult parse, Action<TextWriter> action)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            action(output);
            return 0;
        }
        catch (AvroInputException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return InvalidInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            error.WriteLine($"error: {ex.Message}");
            return InvalidInput;
        }
    }
}
