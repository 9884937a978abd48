namespace Etl.Schemas.Avro.Resolution;

/// <summary>What a <see cref="ReadPlan"/> node does: read a writer's value and produce the reader's (promotions included).</summary>
internal enum ReadAction
{
    Null,
    Boolean,
    Int,
    IntToLong,
    IntToFloat,
    IntToDouble,
    Long,
    LongToFloat,
    LongToDouble,
    Float,
    FloatToDouble,
    Double,
    Bytes,
    String,
    Fixed,
    Enum,
    Array,
    Map,
    Record,
    WriterUnion,
}
