using Etl.Schemas.Avro;

namespace Etl.Schemas.Tests.Avro;

public class BadInputTests
{
    private static readonly AvroSchema Record = AvroSchema.Parse("""
        {"type":"record","name":"R","fields":[
          {"name":"name","type":"string"},
          {"name":"inner","type":{"type":"record","name":"I","fields":[{"name":"tags","type":{"type":"array","items":"string"}}]}},
          {"name":"choice","type":["null","long"]}
        ]}
        """);

    [Fact]
    public void Negative_string_length_names_the_field_and_offset()
    {
        var ex = Assert.Throws<AvroInvalidDataException>(() => new GenericDatumReader(Record).Read([0x01]));
        Assert.Equal("name", ex.FieldPath);
        Assert.Equal(0, ex.ByteOffset);
        Assert.Contains("negative", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_length_is_reported_as_truncation_without_allocating_it()
    {
        // name = "a", then tags array with one string claiming 2^40 bytes.
        byte[] data = [0x02, (byte)'a', 0x02, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0x00];
        var ex = Assert.Throws<AvroTruncatedDataException>(() => new GenericDatumReader(Record).Read(data));
        Assert.Equal("inner.tags[0]", ex.FieldPath);
        Assert.Equal(3, ex.ByteOffset);
    }

    [Fact]
    public void Bad_union_index_names_the_field()
    {
        byte[] data = [0x02, (byte)'a', 0x00, 0x04];
        var ex = Assert.Throws<AvroInvalidDataException>(() => new GenericDatumReader(Record).Read(data));
        Assert.Equal("choice", ex.FieldPath);
        Assert.Equal(3, ex.ByteOffset);
        Assert.Contains("[field choice] [byte offset 3]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_count_of_zero_byte_items_is_refused_instead_of_spinning()
    {
        var schema = AvroSchema.Parse("""{"type":"array","items":"null"}""");
        var writer = new AvroBinaryWriter();
        writer.WriteLong(long.MaxValue);
        Assert.Throws<AvroInvalidDataException>(() => new GenericDatumReader(schema).Read(writer.WrittenSpan));
    }

    [Fact]
    public void Block_count_larger_than_the_remaining_bytes_is_refused()
    {
        var schema = AvroSchema.Parse("""{"type":"array","items":"double"}""");
        var writer = new AvroBinaryWriter();
        writer.WriteLong(1_000_000_000);
        writer.WriteDouble(1);
        Assert.Throws<AvroTruncatedDataException>(() => new GenericDatumReader(schema).Read(writer.WrittenSpan));
    }

    [Fact]
    public void Deep_nesting_of_a_recursive_schema_is_refused_before_the_stack_overflows()
    {
        var schema = AvroSchema.Parse("""{"type":"record","name":"N","fields":[{"name":"next","type":["null","N"]}]}""");
        var data = Enumerable.Repeat((byte)0x02, 100_000).Append((byte)0x00).ToArray();
        Assert.Throws<AvroInvalidDataException>(() => new GenericDatumReader(schema).Read(data));
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_reported_not_replaced()
    {
        var ex = Assert.Throws<AvroInvalidDataException>(() => new GenericDatumReader(AvroSchema.Parse("\"string\"")).Read([0x04, 0xC3, 0x28]));
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_bytes_after_a_datum_are_reported()
    {
        Assert.Throws<AvroInvalidDataException>(() => new GenericDatumReader(AvroSchema.Parse("\"int\"")).Read([0x02, 0x02]));
    }

    [Fact]
    public void Overlong_varint_is_refused()
    {
        byte[] data = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];
        Assert.Throws<AvroInvalidDataException>(() => new GenericDatumReader(AvroSchema.Parse("\"long\"")).Read(data));
    }
}
