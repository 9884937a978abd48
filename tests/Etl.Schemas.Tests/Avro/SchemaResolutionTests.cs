using Etl.Schemas.Avro;
using Etl.Schemas.Avro.Json;

namespace Etl.Schemas.Tests.Avro;

public class SchemaResolutionTests
{
    public static TheoryData<string, string, string, string> Matrix => new()
    {
        // writer schema, value (Avro JSON), reader schema, expected value read (Avro JSON)
        { "\"int\"", "7", "\"long\"", "7" },
        { "\"int\"", "7", "\"float\"", "7" },
        { "\"int\"", "7", "\"double\"", "7" },
        { "\"long\"", "-9", "\"float\"", "-9" },
        { "\"long\"", "1099511627776", "\"double\"", "1099511627776" },
        { "\"float\"", "1.5", "\"double\"", "1.5" },
        { "\"string\"", "\"hé\"", "\"bytes\"", "\"h\u00c3\u00a9\"" },
        { "\"bytes\"", "\"abc\"", "\"string\"", "\"abc\"" },
        { "\"int\"", "5", "[\"null\",\"long\"]", "{\"long\":5}" },
        { "\"int\"", "5", "[\"null\",\"long\",\"int\"]", "{\"int\":5}" },
        { "[\"null\",\"int\"]", "{\"int\":5}", "\"long\"", "5" },
        { "[\"null\",\"string\"]", "{\"string\":\"x\"}", "[\"string\",\"null\"]", "{\"string\":\"x\"}" },
        { "{\"type\":\"array\",\"items\":\"int\"}", "[1,2]", "{\"type\":\"array\",\"items\":\"double\"}", "[1,2]" },
        { "{\"type\":\"map\",\"values\":\"int\"}", "{\"a\":1}", "{\"type\":\"map\",\"values\":\"long\"}", "{\"a\":1}" },
        { "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\",\"C\"]}", "\"C\"", "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"C\",\"A\",\"X\"],\"default\":\"X\"}", "\"C\"" },
        { "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}", "\"B\"", "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"X\"],\"default\":\"X\"}", "\"X\"" },
        { "{\"type\":\"fixed\",\"name\":\"F\",\"size\":2}", "\"ab\"", "{\"type\":\"fixed\",\"name\":\"G\",\"aliases\":[\"F\"],\"size\":2}", "\"ab\"" },

        // Records: added field with default, removed field skipped, reordered, renamed through an alias, promoted.
        {
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"gone\",\"type\":{\"type\":\"array\",\"items\":\"string\"}},{\"name\":\"b\",\"type\":\"string\"}]}",
            "{\"a\":1,\"gone\":[\"x\",\"y\"],\"b\":\"B\"}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"bee\",\"aliases\":[\"b\"],\"type\":\"string\"},{\"name\":\"a\",\"type\":\"long\"},{\"name\":\"c\",\"type\":[\"null\",\"int\"],\"default\":null},{\"name\":\"d\",\"type\":{\"type\":\"array\",\"items\":\"int\"},\"default\":[4]}]}",
            "{\"bee\":\"B\",\"a\":1,\"c\":null,\"d\":[4]}"
        },
    };

    public static TheoryData<string, string, string> Incompatible => new()
    {
        { "\"long\"", "\"int\"", "cannot be read as 'int'" },
        { "\"string\"", "\"int\"", "cannot be read as 'int'" },
        { "\"double\"", "[\"null\",\"int\"]", "matches no branch" },
        { "{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}", "has no default" },
        { "{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}", "{\"type\":\"record\",\"name\":\"S\",\"fields\":[]}", "does not match" },
        { "{\"type\":\"fixed\",\"name\":\"F\",\"size\":2}", "{\"type\":\"fixed\",\"name\":\"F\",\"size\":3}", "Sizes must match" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Writer_data_is_read_as_the_reader_schema(string writerJson, string valueJson, string readerJson, string expectedJson)
    {
        var writer = AvroSchema.Parse(writerJson);
        var reader = AvroSchema.Parse(readerJson);
        var binary = new GenericDatumWriter(writer).Encode(AvroJsonReader.Read(valueJson, writer));
        var value = new GenericDatumReader(writer, reader).Read(binary);
        Assert.Equal(AvroJsonWriter.ToJson(reader, AvroJsonReader.Read(expectedJson, reader)), AvroJsonWriter.ToJson(reader, value));
    }

    [Theory]
    [MemberData(nameof(Incompatible))]
    public void Incompatible_schemas_fail_with_the_reason(string writerJson, string readerJson, string reason)
    {
        var writer = AvroSchema.Parse(writerJson);
        var reader = AvroSchema.Parse(readerJson);
        var ex = Assert.Throws<AvroResolutionException>(() => new GenericDatumReader(writer, reader));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.False(SchemaCompatibility.CanRead(writer, reader).IsCompatible);
    }

    [Fact]
    public void Writer_union_branch_the_reader_lacks_fails_only_when_such_a_value_arrives()
    {
        var writer = AvroSchema.Parse("[\"null\",\"string\",\"int\"]");
        var reader = AvroSchema.Parse("[\"null\",\"string\"]");
        var datumReader = new GenericDatumReader(writer, reader);
        Assert.Equal("ok", datumReader.Read(new GenericDatumWriter(writer).Encode("ok")));
        var ex = Assert.Throws<AvroResolutionException>(() => datumReader.Read(new GenericDatumWriter(writer).Encode(5)));
        Assert.Contains("Union branch 2", ex.Message, StringComparison.Ordinal);
        Assert.False(SchemaCompatibility.CanRead(writer, reader).IsCompatible);
    }

    [Fact]
    public void Enum_symbol_unknown_to_a_reader_without_default_fails_at_read_time()
    {
        var writer = AvroSchema.Parse("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}");
        var reader = AvroSchema.Parse("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}");
        var datumReader = new GenericDatumReader(writer, reader);
        Assert.Throws<AvroResolutionException>(() => datumReader.Read([0x02]));
        Assert.Equal("A", ((GenericEnumSymbol)datumReader.Read([0x00])!).Symbol);
    }

    [Theory]
    [InlineData("[\"null\",\"int\"]", "[\"null\",\"long\"]", true)]
    [InlineData("[\"null\",\"int\"]", "\"long\"", false)]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}", "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"X\"],\"default\":\"X\"}", true)]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}", "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}", false)]
    public void Compatibility_check_requires_every_writer_branch_and_symbol_to_be_readable(string writerJson, string readerJson, bool compatible)
    {
        Assert.Equal(compatible, SchemaCompatibility.CanRead(AvroSchema.Parse(writerJson), AvroSchema.Parse(readerJson)).IsCompatible);
    }

    [Fact]
    public void Defaults_are_fresh_copies_for_every_record()
    {
        var writer = AvroSchema.Parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}");
        var reader = AvroSchema.Parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"l\",\"type\":{\"type\":\"array\",\"items\":\"int\"},\"default\":[1]}]}");
        var datumReader = new GenericDatumReader(writer, reader);
        var first = (GenericRecord)datumReader.Read([])!;
        ((List<object?>)first["l"]!).Add(2);
        var second = (GenericRecord)datumReader.Read([])!;
        Assert.Single((List<object?>)second["l"]!);
    }
}
