using Etl.Schemas.Avro;
using Etl.Schemas.Avro.Container;
using Etl.Schemas.Avro.Json;

namespace Etl.Schemas.Tests.Avro;

public class GenericRoundTripTests
{
    [Fact]
    public void Random_schemas_and_values_round_trip_through_binary_json_and_container_files()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var generator = new RandomSchemas(seed);
            var schema = AvroSchema.Parse(generator.NextSchemaJson());
            Assert.Equal(schema.CanonicalForm, AvroSchema.Parse(schema.ToJson()).CanonicalForm);

            var values = Enumerable.Range(0, 5).Select(_ => generator.NextValue(schema)).ToList();
            var writer = new GenericDatumWriter(schema);
            var reader = new GenericDatumReader(schema);
            foreach (var value in values)
            {
                var json = AvroJsonWriter.ToJson(schema, value);
                var binary = writer.Encode(value);

                // Binary → value → JSON must give the same JSON; JSON → value → binary the same bytes.
                Assert.Equal(json, AvroJsonWriter.ToJson(schema, reader.Read(binary)));
                Assert.Equal(binary, writer.Encode(AvroJsonReader.Read(json, schema)));
            }

            using var file = new MemoryStream();
            using (var container = new AvroContainerWriter(file, schema, seed % 2 == 0 ? ContainerCodecs.Null : ContainerCodecs.Deflate, blockSizeBytes: 16, leaveOpen: true))
            {
                values.ForEach(container.Append);
            }

            file.Position = 0;
            using var back = AvroContainerReader.Open(file);
            Assert.Equal(values.Select(v => AvroJsonWriter.ToJson(schema, v)), back.ReadAll().Select(v => AvroJsonWriter.ToJson(schema, v)));
        }
    }

    [Fact]
    public void Every_truncation_of_random_data_fails_with_an_avro_exception_not_a_crash()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var generator = new RandomSchemas(1000 + seed);
            var schema = AvroSchema.Parse(generator.NextSchemaJson());
            var binary = new GenericDatumWriter(schema).Encode(generator.NextValue(schema));
            var reader = new GenericDatumReader(schema);
            for (var length = 0; length < binary.Length; length++)
            {
                var ex = Record.Exception(() => reader.Read(binary.AsSpan(0, length)));
                Assert.True(ex is AvroDecodeException, $"seed {seed}, {length}/{binary.Length} bytes: {ex?.GetType().Name ?? "no exception"}");
            }
        }
    }

    [Fact]
    public void Union_values_use_the_json_wrapper_of_their_branch()
    {
        var schema = AvroSchema.Parse("""{"type":"record","name":"U","namespace":"n","fields":[{"name":"u","type":["null","string",{"type":"record","name":"In","fields":[{"name":"x","type":"int"}]}]}]}""");
        var record = (GenericRecord)AvroJsonReader.Read("""{"u":{"n.In":{"x":3}}}""", schema)!;
        Assert.Equal("""{"u":{"n.In":{"x":3}}}""", AvroJsonWriter.ToJson(schema, record));
        record["u"] = "hi";
        Assert.Equal("""{"u":{"string":"hi"}}""", AvroJsonWriter.ToJson(schema, record));
        record["u"] = null;
        Assert.Equal("""{"u":null}""", AvroJsonWriter.ToJson(schema, record));
    }
}
