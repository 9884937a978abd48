using System.Text.Json.Serialization;
using Etl.Schemas.Documents;

namespace Etl.Elastic.Serialization;

/// <summary>
/// Source-generated serializers for the indexed documents: no reflection at start-up and a
/// fast path that writes straight to a <see cref="System.Text.Json.Utf8JsonWriter"/>.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Default)]
[JsonSerializable(typeof(TweetDocument))]
public sealed partial class DocumentJsonContext : JsonSerializerContext;
