namespace Etl.Schemas.Avro.Resolution;

/// <summary>One writer field: where it goes in the reader's record, or null <see cref="Plan"/> to skip it.</summary>
internal sealed record FieldPlan(string Name, int ReaderPosition, ReadPlan? Plan, AvroSchema WriterSchema);
