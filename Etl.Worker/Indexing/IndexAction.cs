using System.Text;
using System.Text.Json;
using Etl.Elastic.Serialization;
using Etl.Schemas.Documents;

namespace Etl.Worker.Indexing;

/// <summary>
/// One document to index, with <c>_id</c> = tweet id so a replay overwrites instead of duplicating. The document is
/// serialized when the action is made — in the parallel enrich stage — so the single indexing stage only copies bytes.
/// </summary>
public sealed record IndexAction(string Index, string Id, TweetDocument Document)
{
    // {"index":{"_index":"","_id":""}} and its newline.
    private const int ActionLineOverhead = 33;

    /// <summary>The document as UTF-8 JSON, exactly as it goes into the bulk body (the embedding as base64 float32).</summary>
    public ReadOnlyMemory<byte> Source { get; } = JsonSerializer.SerializeToUtf8Bytes(Document, BulkDocumentJson.TweetDocument);

    /// <summary>
    /// Bytes this action adds to an uncompressed bulk body — action line, source and their newlines. Batches are
    /// sized by this, not by an estimate.
    /// </summary>
    public int BulkBytes => ActionLineOverhead + Encoding.UTF8.GetByteCount(Index) + Encoding.UTF8.GetByteCount(Id) + Source.Length + 1;
}
