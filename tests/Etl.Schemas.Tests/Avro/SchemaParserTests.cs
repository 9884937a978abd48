using Etl.Schemas.Avro;
using etl.tweets;

namespace Etl.Schemas.Tests.Avro;

public class SchemaParserTests
{
    [SkippableFact]
    public void Every_schema_in_the_reference_pass_folder_parses()
    {
        var folder = ReferenceData.AvroFile("lang/c/tests/schema_tests/pass");
        var files = Directory.GetFiles(folder);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            AvroSchema schema;
            try
            {
                schema = AvroSchema.Parse(File.ReadAllText(file));
            }
            catch (AvroSchemaException ex)
            {
                Assert.Fail($"{Path.GetFileName(file)}: {ex.Message}");
                throw;
            }

            // The full form must parse back to the same canonical form.
            Assert.Equal(schema.CanonicalForm, AvroSchema.Parse(schema.ToJson()).CanonicalForm);
        }
    }

    [SkippableFact]
    public void Every_schema_in_the_reference_fail_folder_is_rejected_with_a_schema_exception()
    {
        var folder = ReferenceData.AvroFile("lang/c/tests/schema_tests/fail");
        var files = Directory.GetFiles(folder);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var ex = Record.Exception(() => AvroSchema.Parse(File.ReadAllText(file)));
            Assert.True(ex is AvroSchemaException, $"{Path.GetFileName(file)}: expected AvroSchemaException, got {ex?.GetType().Name ?? "success"}");
            Assert.False(string.IsNullOrWhiteSpace(ex!.Message));
        }
    }

    [SkippableFact]
    public void Reference_avsc_files_parse()
    {
        foreach (var file in Directory.GetFiles(ReferenceData.AvroFile("share/test/schemas"), "*.avsc"))
        {
            Assert.NotNull(AvroSchema.Parse(File.ReadAllText(file)));
        }
    }

    [SkippableFact]
    public void Canonical_forms_and_fingerprints_match_schema_tests_txt()
    {
        var cases = ParseSchemaTests(File.ReadAllLines(ReferenceData.AvroFile("share/test/data/schema-tests.txt")));
        Assert.Equal(34, cases.Count);
        foreach (var (input, canonical, fingerprint) in cases)
        {
            var schema = AvroSchema.Parse(input);
            Assert.Equal(canonical, schema.CanonicalForm);
            if (fingerprint is { } expected)
            {
                Assert.Equal(expected, schema.Fingerprint);
            }
        }
    }

    [Fact]
    public void Embedded_tweet_and_dead_letter_schemas_parse_and_every_optional_field_has_a_default()
    {
        foreach (var schema in new[] { (RecordSchema)AvroSchema.Parse(TweetSchemas.ReadText("Tweet.avsc")), (RecordSchema)AvroSchema.Parse(TweetSchemas.ReadText("DeadLetter.avsc")) })
        {
            foreach (var field in AllFields(schema))
            {
                if (field.Schema is UnionSchema)
                {
                    Assert.True(field.HasDefault, $"{field.Name} is optional but has no default");
                }
            }
        }

        Assert.Equal("etl.tweets.Tweet", ((RecordSchema)AvroSchema.Parse(TweetSchemas.ReadText("Tweet.avsc"))).FullName);
    }

    [Theory]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":\"x\"}]}", "default of field 'a'")]
    [InlineData("[\"int\",\"int\"]", "two branches of type 'int'")]
    [InlineData("[\"int\",[\"long\"]]", "may not directly contain another union")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"A\"]}", "twice")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"],\"default\":\"B\"}", "not one of its symbols")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"a\",\"type\":\"int\"}]}", "twice")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":-1}", "non-negative")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[]", "not valid JSON")]
    public void Invalid_schemas_are_rejected_with_a_message_that_says_why(string json, string expected)
    {
        var ex = Assert.Throws<AvroSchemaException>(() => AvroSchema.Parse(json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Logical_types_are_parsed_and_invalid_ones_fall_back_to_the_underlying_type()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"L","fields":[
              {"name":"ts","type":{"type":"long","logicalType":"timestamp-micros"}},
              {"name":"d","type":{"type":"int","logicalType":"date"}},
              {"name":"u","type":{"type":"string","logicalType":"uuid"}},
              {"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
              {"name":"fdec","type":{"type":"fixed","name":"F","size":4,"logicalType":"decimal","precision":9,"scale":2}},
              {"name":"bad","type":{"type":"bytes","logicalType":"decimal","precision":2,"scale":3}},
              {"name":"wrong","type":{"type":"string","logicalType":"timestamp-millis"}}
            ]}
            """);
        Assert.Equal(AvroLogicalType.TimestampMicros, schema.GetField("ts")!.Schema.LogicalType!.Name);
        Assert.Equal(AvroLogicalType.Date, schema.GetField("d")!.Schema.LogicalType!.Name);
        Assert.Equal(AvroLogicalType.Uuid, schema.GetField("u")!.Schema.LogicalType!.Name);
        Assert.Equal(new AvroLogicalType("decimal", 9, 2), schema.GetField("dec")!.Schema.LogicalType);
        Assert.Equal(new AvroLogicalType("decimal", 9, 2), schema.GetField("fdec")!.Schema.LogicalType);
        Assert.Null(schema.GetField("bad")!.Schema.LogicalType);
        Assert.Null(schema.GetField("wrong")!.Schema.LogicalType);

        // Invalid logical types survive a round trip as plain attributes.
        Assert.Contains("\"logicalType\":\"timestamp-millis\"", schema.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_resolve_through_namespaces_and_aliases_are_qualified()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"Outer","namespace":"a.b","aliases":["Old"],"fields":[
              {"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":"int"}]}},
              {"name":"again","type":"Inner"},
              {"name":"full","type":"a.b.Inner"}
            ]}
            """);
        Assert.Equal("a.b.Outer", schema.FullName);
        Assert.Equal(["a.b.Old"], schema.Aliases);
        Assert.Same(schema.GetField("inner")!.Schema, schema.GetField("again")!.Schema);
        Assert.Same(schema.GetField("inner")!.Schema, schema.GetField("full")!.Schema);
        Assert.Equal("""{"name":"a.b.Outer","type":"record","fields":[{"name":"inner","type":{"name":"a.b.Inner","type":"record","fields":[{"name":"x","type":"int"}]}},{"name":"again","type":"a.b.Inner"},{"name":"full","type":"a.b.Inner"}]}""", schema.CanonicalForm);
    }

    private static IEnumerable<AvroField> AllFields(RecordSchema root)
    {
        var seen = new HashSet<RecordSchema>();
        var stack = new Stack<AvroSchema>([root]);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case RecordSchema record when seen.Add(record):
                    foreach (var field in record.Fields)
                    {
                        yield return field;
                        stack.Push(field.Schema);
                    }

                    break;
                case UnionSchema union:
                    union.Branches.ToList().ForEach(stack.Push);
                    break;
                case ArraySchema array:
                    stack.Push(array.Items);
                    break;
                case MapSchema map:
                    stack.Push(map.Values);
                    break;
            }
        }
    }

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
                fingerprint = long.Parse(line["<<fingerprint".Length..].Trim());
            }
        }

        if (input is not null)
        {
            result.Add((input, canonical!, fingerprint));
        }

        return result;
    }
}
