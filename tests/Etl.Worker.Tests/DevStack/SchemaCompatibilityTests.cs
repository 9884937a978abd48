using Avro;
using Avro.Generic;
using Avro.IO;
using etl.tweets;
using Etl.Worker.Cli;
using Etl.Worker.DevStack;

namespace Etl.Worker.Tests.DevStack;

/// <summary>The dev-stack registry's BACKWARD check, held against Apache Avro's resolving reader where it says "compatible".</summary>
public sealed class SchemaCompatibilityTests
{
    public static TheoryData<string, string, string, string> Compatible => new()
    {
        // writer schema, value (Avro JSON), reader schema, value Apache Avro reads (Avro JSON)
        { "\"int\"", "7", "\"long\"", "7" },
        { "\"int\"", "7", "\"float\"", "7" },
        { "\"int\"", "7", "\"double\"", "7" },
        { "\"long\"", "-9", "\"float\"", "-9" },
        { "\"long\"", "1099511627776", "\"double\"", "1099511627776" },
        { "\"float\"", "1.5", "\"double\"", "1.5" },
        { "\"int\"", "5", "[\"null\",\"long\"]", "{\"long\":5}" },
        { "\"int\"", "5", "[\"null\",\"long\",\"int\"]", "{\"int\":5}" },
        { "[\"null\",\"int\"]", "{\"int\":5}", "[\"null\",\"long\"]", "{\"long\":5}" },
        { "[\"null\",\"string\"]", "{\"string\":\"x\"}", "[\"string\",\"null\"]", "{\"string\":\"x\"}" },
        { "{\"type\":\"array\",\"items\":\"int\"}", "[1,2]", "{\"type\":\"array\",\"items\":\"double\"}", "[1,2]" },
        { "{\"type\":\"map\",\"values\":\"int\"}", "{\"a\":1}", "{\"type\":\"map\",\"values\":\"long\"}", "{\"a\":1}" },
        { "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\",\"C\"]}", "\"C\"", "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"C\",\"A\",\"X\"],\"default\":\"X\"}", "\"C\"" },
        { "{\"type\":\"fixed\",\"name\":\"F\",\"size\":2}", "\"ab\"", "{\"type\":\"fixed\",\"name\":\"G\",\"aliases\":[\"F\"],\"size\":2}", "\"ab\"" },
        { "{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}", "5", "\"long\"", "5" },

        // Records: added field with default, removed field skipped, reordered, promoted, renamed type through an alias.
        {
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"gone\",\"type\":{\"type\":\"array\",\"items\":\"string\"}},{\"name\":\"b\",\"type\":\"string\"}]}",
            "{\"a\":1,\"gone\":[\"x\",\"y\"],\"b\":\"B\"}",
            "{\"type\":\"record\",\"name\":\"S\",\"aliases\":[\"R\"],\"fields\":[{\"name\":\"b\",\"type\":\"string\"},{\"name\":\"a\",\"type\":\"long\"},{\"name\":\"c\",\"type\":[\"null\",\"int\"],\"default\":null},{\"name\":\"d\",\"type\":{\"type\":\"array\",\"items\":\"int\"},\"default\":[4]}]}",
            "{\"b\":\"B\",\"a\":1,\"c\":null,\"d\":[4]}"
        },

        // A recursive record that gains a field with a default.
        {
            "{\"type\":\"record\",\"name\":\"Node\",\"fields\":[{\"name\":\"children\",\"type\":{\"type\":\"array\",\"items\":\"Node\"}}]}",
            "{\"children\":[{\"children\":[]}]}",
            "{\"type\":\"record\",\"name\":\"Node\",\"fields\":[{\"name\":\"children\",\"type\":{\"type\":\"array\",\"items\":\"Node\"}},{\"name\":\"label\",\"type\":\"string\",\"default\":\"?\"}]}",
            "{\"children\":[{\"children\":[],\"label\":\"?\"}],\"label\":\"?\"}"
        },
    };

    public static TheoryData<string, string, string> Incompatible => new()
    {
        { "\"long\"", "\"int\"", "cannot be read as 'int'" },
        { "\"string\"", "\"int\"", "cannot be read as 'int'" },
        { "\"double\"", "[\"null\",\"int\"]", "matches no branch" },
        { "[\"null\",\"string\",\"int\"]", "[\"null\",\"string\"]", "matches no branch" },
        { "{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}", "has no default" },
        { "{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}", "{\"type\":\"record\",\"name\":\"S\",\"fields\":[]}", "does not match" },
        { "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"a\",\"fields\":[]}", "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"b\",\"fields\":[]}", "does not match" },
        { "{\"type\":\"fixed\",\"name\":\"F\",\"size\":2}", "{\"type\":\"fixed\",\"name\":\"F\",\"size\":3}", "Sizes must match" },
        { "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}", "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}", "symbol 'B' is unknown" },
        { "{\"type\":\"array\",\"items\":\"long\"}", "{\"type\":\"array\",\"items\":\"int\"}", "[field []]" },

        // The spec allows these; Apache Avro 1.12.2's C# reader, which the worker reads with, does not (see the next test).
        { "\"string\"", "\"bytes\"", "Apache Avro for .NET" },
        { "\"bytes\"", "[\"null\",\"string\"]", "matches no branch" },
        {
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\"}]}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"bee\",\"aliases\":[\"b\"],\"type\":\"string\"}]}",
            "through an alias"
        },
    };

    [Theory]
    [MemberData(nameof(Compatible))]
    public void Compatible_pairs_pass_and_Apache_Avro_reads_the_writer_data(string writerJson, string valueJson, string readerJson, string expectedJson)
    {
        var (writer, reader) = (Schema.Parse(writerJson), Schema.Parse(readerJson));
        var check = SchemaCompatibility.CanRead(writer, reader);
        Assert.True(check.IsCompatible, check.Reason);

        var plainWriter = AvroJsonSchema.WithoutLogicalTypes(writer);
        var plainReader = AvroJsonSchema.WithoutLogicalTypes(reader);
        using var buffer = new MemoryStream();
        new GenericDatumWriter<object>(plainWriter).Write(AvroJsonReader.Read(valueJson, plainWriter)!, new BinaryEncoder(buffer));
        buffer.Position = 0;
        var read = new GenericDatumReader<object>(plainWriter, plainReader).Read(null!, new BinaryDecoder(buffer));
        Assert.Equal(expectedJson, AvroJsonWriter.ToJson(plainReader, read));
    }

    [Theory]
    [MemberData(nameof(Incompatible))]
    public void Incompatible_pairs_fail_with_the_reason(string writerJson, string readerJson, string reason)
    {
        var check = SchemaCompatibility.CanRead(Schema.Parse(writerJson), Schema.Parse(readerJson));
        Assert.False(check.IsCompatible);
        Assert.Contains(reason, check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[\"null\",\"int\"]", "[\"null\",\"long\"]", true)]
    [InlineData("[\"null\",\"int\"]", "\"long\"", false)]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}", "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"X\"],\"default\":\"X\"}", true)]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}", "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}", false)]
    public void Every_writer_branch_and_symbol_must_be_readable(string writerJson, string readerJson, bool compatible)
    {
        Assert.Equal(compatible, SchemaCompatibility.CanRead(Schema.Parse(writerJson), Schema.Parse(readerJson)).IsCompatible);
    }

    [Theory]
    [InlineData("\"string\"", "\"bytes\"")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\"}]}", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"bee\",\"aliases\":[\"b\"],\"type\":\"string\"}]}")]
    public void What_the_check_refuses_beyond_the_spec_Apache_Avro_for_dotnet_cannot_read(string writerJson, string readerJson)
    {
        // If Apache Avro's C# reader learns these, the check can follow the spec here too.
        var (writer, reader) = (Schema.Parse(writerJson), Schema.Parse(readerJson));
        using var buffer = new MemoryStream();
        var value = writer is RecordSchema record ? AvroJsonReader.Read("{\"a\":1,\"b\":\"B\"}", record) : "x";
        new GenericDatumWriter<object>(writer).Write(value!, new BinaryEncoder(buffer));
        buffer.Position = 0;
        Assert.ThrowsAny<AvroException>(() => new GenericDatumReader<object>(writer, reader).Read(null!, new BinaryDecoder(buffer)));
    }

    [Fact]
    public void A_nested_break_names_the_field_path()
    {
        const string Writer = """{"type":"record","name":"T","fields":[{"name":"user","type":{"type":"record","name":"U","fields":[{"name":"name","type":"string"}]}}]}""";
        const string Reader = """{"type":"record","name":"T","fields":[{"name":"user","type":{"type":"record","name":"U","fields":[{"name":"name","type":"int"}]}}]}""";
        var check = SchemaCompatibility.CanRead(Schema.Parse(Writer), Schema.Parse(Reader));
        Assert.Contains("[field user.name]", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_current_Tweet_schema_reads_data_written_with_the_previous_one()
    {
        var v1 = Schema.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "Tweet.v1.avsc")));
        Assert.True(SchemaCompatibility.IsBackwardCompatible(v1, Tweet._SCHEMA).IsCompatible);
        Assert.True(SchemaCompatibility.IsBackwardCompatible(Tweet._SCHEMA, Tweet._SCHEMA).IsCompatible);
        Assert.True(SchemaCompatibility.IsBackwardCompatible(DeadLetter._SCHEMA, DeadLetter._SCHEMA).IsCompatible);
    }
}
