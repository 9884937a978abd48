using Avro;
using Avro.Generic;
using Avro.IO;

namespace Etl.Worker.Cli;

/// <summary>
/// Apache Avro's generic writer over the schema without logical types, which announces the original schema, so a
/// container file written with it carries the schema as given (the binary encoding of both is the same).
/// </summary>
internal sealed class PlainDatumWriter(Schema schema) : DatumWriter<object>
{
    private readonly GenericDatumWriter<object> writer = new(AvroJsonSchema.WithoutLogicalTypes(schema));

    /// <summary>The schema as given; <see cref="Avro.File.DataFileWriter{T}"/> writes it into the file header.</summary>
    public Schema Schema { get; } = schema;

    /// <summary>The schema the values are written with: <see cref="Schema"/> without logical types.</summary>
    public Schema PlainSchema => writer.Schema;

    public void Write(object datum, Encoder encoder) => writer.Write(datum, encoder);
}
