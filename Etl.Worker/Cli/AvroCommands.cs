using System.CommandLine;
using System.Globalization;
using System.Text;
using Etl.Schemas.Avro;
using Etl.Schemas.Avro.Container;
using Etl.Schemas.Avro.Json;

namespace Etl.Worker.Cli;

/// <summary><c>etl-worker avro ...</c>: inspect and produce Avro container files and schemas.</summary>
public static class AvroCommands
{
    /// <summary>Exit code for bad input (invalid schema, undecodable file, JSON that does not match the schema).</summary>
    public const int InvalidInput = 2;

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
        command.SetAction(parse => Run(parse, output =>
        {
            using var reader = AvroContainerReader.Open(parse.GetRequiredValue(file).FullName);
            foreach (var record in reader.ReadAll())
            {
                output.WriteLine(AvroJsonWriter.ToJson(reader.ReaderSchema, record));
            }
        }));
        return command;
    }

    private static Command BuildFromJson()
    {
        var schemaOption = new Option<FileInfo>("--schema") { Description = "Schema file (.avsc).", Required = true };
        var input = new Option<FileInfo>("--in") { Description = "Input: one JSON object per line, in the Avro JSON encoding.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Output Avro container file.", Required = true };
        var codec = new Option<string>("--codec") { Description = "Block codec.", DefaultValueFactory = _ => ContainerCodecs.Null };
        codec.AcceptOnlyFromAmong(ContainerCodecs.Null, ContainerCodecs.Deflate);
        var command = new Command("fromjson", "Writes an Avro container file from JSON lines.") { schemaOption, input, output, codec };
        command.SetAction(parse => Run(parse, log =>
        {
            var schema = AvroSchema.Parse(File.ReadAllText(parse.GetRequiredValue(schemaOption).FullName));
            var target = parse.GetRequiredValue(output).FullName;

            // Write beside the target and move into place, so a failure never leaves a half-written file behind.
            var temporary = target + ".tmp";
            var count = 0;
            try
            {
                using (var writer = new AvroContainerWriter(File.Create(temporary), schema, parse.GetValue(codec) ?? ContainerCodecs.Null))
                {
                    var lineNumber = 0;
                    foreach (var line in File.ReadLines(parse.GetRequiredValue(input).FullName))
                    {
                        lineNumber++;
                        if (string.IsNullOrWhiteSpace(line))
                        {
                            continue;
                        }

                        try
                        {
                            writer.Append(AvroJsonReader.Read(line, schema));
                        }
                        catch (AvroException ex)
                        {
                            ex.AddContext($"input line {lineNumber}");
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
            var schema = AvroSchema.Parse(File.ReadAllText(parse.GetRequiredValue(file).FullName));
            output.WriteLine(schema.CanonicalForm);
            output.WriteLine(unchecked((ulong)schema.Fingerprint).ToString("x16", CultureInfo.InvariantCulture));
        }));
        return command;
    }

    private static int Run(ParseResult parse, Action<TextWriter> action)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            action(output);
            return 0;
        }
        catch (AvroException ex)
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
