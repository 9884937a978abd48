using Etl.Schemas.Avro;
using Etl.Schemas.Avro.Container;
using Etl.Schemas.Avro.Json;

namespace Etl.Schemas.Tests.Avro;

public class AvroContainerReaderTests
{
    [SkippableTheory]
    [InlineData("weather.avro", "null")]
    [InlineData("weather-deflate.avro", "deflate")]
    [InlineData("weather-snappy.avro", "snappy")]
    public void Weather_files_decode_exactly_to_weather_json(string file, string codec)
    {
        var expected = File.ReadAllLines(ReferenceData.AvroFile("share/test/data/weather.json"));
        using var reader = AvroContainerReader.Open(ReferenceData.AvroFile("share/test/data/" + file));
        Assert.Equal(codec, reader.Codec);
        var actual = reader.ReadAll().Select(v => AvroJsonWriter.ToJson(reader.ReaderSchema, v)).ToArray();
        Assert.Equal(expected, actual);
    }

    [SkippableFact]
    public void Sorted_weather_file_holds_the_same_records_in_time_order()
    {
        var expected = File.ReadAllLines(ReferenceData.AvroFile("share/test/data/weather.json"));
        using var reader = AvroContainerReader.Open(ReferenceData.AvroFile("share/test/data/weather-sorted.avro"));
        var actual = reader.ReadAll().Cast<GenericRecord>().ToList();
        Assert.Equal(actual.Select(r => (long)r["time"]!).Order(), actual.Select(r => (long)r["time"]!));
        Assert.Equal(expected.Order(), actual.Select(r => AvroJsonWriter.ToJson(reader.ReaderSchema, r)).Order());
    }

    [SkippableFact]
    public void Zstandard_file_is_refused_with_unsupported_codec()
    {
        var path = ReferenceData.AvroFile("share/test/data/weather-zstd.avro");
        var ex = Assert.Throws<AvroUnsupportedCodecException>(() => AvroContainerReader.Open(path));
        Assert.Contains("zstandard", ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Legacy_avro_1_2_container_is_refused_with_a_clear_reason()
    {
        var ex = Assert.Throws<AvroContainerException>(() => AvroContainerReader.Open(ReferenceData.AvroFile("share/test/data/test.avro12")));
        Assert.Contains("1.2", ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Sync_marker_inside_header_metadata_does_not_confuse_the_reader()
    {
        using var reader = AvroContainerReader.Open(ReferenceData.AvroFile("share/test/data/syncInMeta.avro"));
        Assert.NotEmpty(reader.ReadAll().ToList());
    }

    [SkippableFact]
    public void Files_with_and_without_codec_metadata_hold_the_same_records()
    {
        using var withCodec = AvroContainerReader.Open(ReferenceData.AvroFile("lang/c/tests/avro-1279-codec.avro"));
        using var withoutCodec = AvroContainerReader.Open(ReferenceData.AvroFile("lang/c/tests/avro-1279-no-codec.avro"));
        Assert.Equal(ContainerCodecs.Null, withoutCodec.Codec);
        var a = withCodec.ReadAll().Select(v => AvroJsonWriter.ToJson(withCodec.ReaderSchema, v)).ToList();
        var b = withoutCodec.ReadAll().Select(v => AvroJsonWriter.ToJson(withoutCodec.ReaderSchema, v)).ToList();
        Assert.NotEmpty(a);
        Assert.Equal(a, b);
    }

    [SkippableFact]
    public void Good_union_file_reads_and_bad_union_discriminant_fails_with_the_offset()
    {
        using (var good = AvroContainerReader.Open(ReferenceData.AvroFile("lang/c/tests/avro-1237-good.avro")))
        {
            Assert.NotEmpty(good.ReadAll().ToList());
        }

        using var bad = AvroContainerReader.Open(ReferenceData.AvroFile("lang/c/tests/avro-1237-bad-union-discriminant.avro"));
        var ex = Assert.Throws<AvroInvalidDataException>(() => bad.ReadAll().ToList());
        Assert.Contains("Union branch index", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.ByteOffset);
    }

    [SkippableFact]
    public void Truncated_file_fails_cleanly()
    {
        var path = ReferenceData.AvroFile("lang/c/tests/avro-1238-truncated.avro");
        var ex = Record.Exception(() =>
        {
            using var reader = AvroContainerReader.Open(path);
            _ = reader.ReadAll().ToList();
        });
        Assert.IsAssignableFrom<AvroDecodeException>(ex);
    }

    [SkippableFact]
    public void Every_prefix_of_a_weather_file_fails_with_an_avro_exception_or_reads_whole_blocks()
    {
        var bytes = File.ReadAllBytes(ReferenceData.AvroFile("share/test/data/weather.avro"));
        var expected = File.ReadAllLines(ReferenceData.AvroFile("share/test/data/weather.json"));
        for (var length = 0; length < bytes.Length; length++)
        {
            var read = new List<string>();
            var ex = Record.Exception(() =>
            {
                using var reader = AvroContainerReader.Open(new MemoryStream(bytes, 0, length));
                read.AddRange(reader.ReadAll().Select(v => AvroJsonWriter.ToJson(reader.ReaderSchema, v)));
            });

            // A cut exactly at a block boundary is a valid, shorter file; anywhere else must fail with an Avro exception.
            Assert.True(ex is AvroException || (ex is null && expected.Take(read.Count).SequenceEqual(read)), $"prefix of {length} bytes: {ex?.GetType().Name ?? "no exception"}");
        }
    }

    [SkippableTheory]
    [InlineData("share/test/data/schemas/simple")]
    [InlineData("share/test/data/schemas/withUnion")]
    public void Common_schema_cases_read_and_round_trip_through_our_writer(string folder)
    {
        var schema = AvroSchema.Parse(File.ReadAllText(ReferenceData.AvroFile(folder + "/schema.json")));
        List<object?> records;
        using (var reader = AvroContainerReader.Open(ReferenceData.AvroFile(folder + "/data.avro"), schema))
        {
            records = reader.ReadAll().ToList();
        }

        Assert.NotEmpty(records);
        using var buffer = new MemoryStream();
        using (var writer = new AvroContainerWriter(buffer, schema, ContainerCodecs.Deflate, leaveOpen: true))
        {
            records.ForEach(writer.Append);
        }

        buffer.Position = 0;
        using var again = AvroContainerReader.Open(buffer);
        Assert.Equal(
            records.Select(r => AvroJsonWriter.ToJson(schema, r)),
            again.ReadAll().Select(r => AvroJsonWriter.ToJson(schema, r)));
    }

    [SkippableFact]
    public void Single_object_encoded_message_decodes_with_its_fingerprint()
    {
        var schema = AvroSchema.Parse(File.ReadAllText(ReferenceData.AvroFile("share/test/data/messageV1/test_schema.avsc")));
        var message = File.ReadAllBytes(ReferenceData.AvroFile("share/test/data/messageV1/test_message.bin"));
        Assert.Equal([0xC3, 0x01], message[..2]);
        Assert.Equal(schema.Fingerprint, BitConverter.ToInt64(message, 2));
        var record = (GenericRecord)new GenericDatumReader(schema).Read(message.AsSpan(10))!;
        Assert.Equal(42L, record["id"]);
        Assert.Equal("Bill", record["name"]);
        Assert.Equal(["dog_lover", "cat_hater"], ((List<object?>)record["tags"]!).Cast<string>());
    }
}
