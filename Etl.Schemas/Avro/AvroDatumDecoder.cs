namespace Etl.Schemas.Avro;

/// <summary>Decodes one datum from the reader's current position (generic or a typed fast path).</summary>
public delegate T AvroDatumDecoder<out T>(ref AvroBinaryReader reader);
