using System.Text.Json.Serialization;

namespace Etl.Elastic.Serialization;

/// <summary>
/// A document already serialized as UTF-8 JSON (in a parallel stage upstream); the client's serializer copies its bytes.
/// </summary>
[JsonConverter(typeof(RawJsonSourceConverter))]
public sealed record RawJsonSource(ReadOnlyMemory<byte> Utf8Json);
