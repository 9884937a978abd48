using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Etl.Elastic.Serialization;
using Etl.Schemas.Documents;

namespace Etl.Benchmarks.Elastic;

/// <summary>
/// The hand-written bulk path Etl.Elastic had before it moved to the official client, kept here only as the benchmark's
/// baseline: a Utf8JsonWriter straight into the request stream (the embedding as six-decimal numbers), HttpClient, and
/// the answer's items read with JsonDocument.
/// </summary>
internal sealed class LegacyBulkClient(Uri url) : IDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient _http = new() { BaseAddress = url };

    /// <summary>Sends the batch and returns how many items the answer acknowledged with 2xx.</summary>
    public async Task<int> SendAsync(IReadOnlyList<(string Index, string Id, TweetDocument Document)> batch)
    {
        using var content = new NdjsonContent(batch);
        using var response = await _http.PostAsync("_bulk", content);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var document = await JsonDocument.ParseAsync(stream);
        var succeeded = 0;
        foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
        {
            var body = item.EnumerateObject().First().Value;
            if (body.TryGetProperty("status", out var status) && status.GetInt32() is >= 200 and < 300 && !body.TryGetProperty("error", out _))
            {
                succeeded++;
            }
        }

        return succeeded;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Writes the NDJSON body into the request stream as HttpClient sends it (chunked).</summary>
    internal static async Task WriteAsync(Stream destination, IReadOnlyList<(string Index, string Id, TweetDocument Document)> batch)
    {
        var buffer = new ArrayBufferWriter<byte>(FlushThreshold + (16 * 1024));
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        foreach (var (index, id, document) in batch)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("index"u8);
            writer.WriteString("_index"u8, index);
            writer.WriteString("_id"u8, id);
            writer.WriteEndObject();
            writer.WriteEndObject();
            EndLine(writer, buffer);
            JsonSerializer.Serialize(writer, document, DocumentJsonContext.Default.TweetDocument);
            EndLine(writer, buffer);
            if (buffer.WrittenCount >= FlushThreshold)
            {
                await destination.WriteAsync(buffer.WrittenMemory);
                buffer.ResetWrittenCount();
            }
        }

        await destination.WriteAsync(buffer.WrittenMemory);
    }

    private static void EndLine(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer)
    {
        writer.Flush();
        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        writer.Reset();
    }

    private sealed class NdjsonContent : HttpContent
    {
        private readonly IReadOnlyList<(string Index, string Id, TweetDocument Document)> _batch;

        public NdjsonContent(IReadOnlyList<(string Index, string Id, TweetDocument Document)> batch)
        {
            _batch = batch;
            Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => WriteAsync(stream, _batch);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
