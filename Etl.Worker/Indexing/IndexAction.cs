using System.Text.Json;
using Etl.Elastic.Serialization;
using Etl.Schemas.Documents;

namespace Etl.Worker.Indexing;

/// <summary>
/// One document to index, with <c>_id</c> = tweet id so a replay overwrites instead of duplicating.
/// </summary>
public sealed record IndexAction(string Index, string Id, TweetDocument Document)
{
    private ReadOnlyMemory<byte>? source;

    /// <summary>
    /// The document as readable UTF-8 JSON (the embedding as numbers), for sinks that write NDJSON files; made on first
    /// use, since the Elasticsearch sink serializes through the client instead (the embedding as a base64 vector).
    /// </summary>
    public ReadOnlyMemory<byte> Source => source ??= JsonSerializer.SerializeToUtf8Bytes(Document, DocumentJsonContext.Default.TweetDocument);
}
