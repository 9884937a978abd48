using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Etl.Schemas.Documents;

namespace Etl.Elastic.Serialization;

/// <summary>
/// A <see cref="TweetDocument"/> serialized exactly as the bulk body carries it — the embedding as base64 float32 (2,048
/// characters for 384 floats, exact, written in one pass) and non-ASCII text unescaped, as the client's source
/// serializer does — for callers that serialize documents ahead of the bulk request, in parallel (the worker's enrich
/// and embed stages). Readable number arrays stay for files people read (<see cref="DocumentJsonContext"/>).
/// </summary>
public static class BulkDocumentJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>Serializer metadata for one document in a bulk body.</summary>
    public static JsonTypeInfo<TweetDocument> TweetDocument { get; } = (JsonTypeInfo<TweetDocument>)Options.GetTypeInfo(typeof(TweetDocument));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = new SourceTypeResolver(),
            // Elasticsearch reads UTF-8; escaping every non-ASCII character would bloat accented and CJK tweets 2-3x.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }
}
