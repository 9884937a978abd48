using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace Etl.Elastic.Bulk;

/// <summary>
/// A <c>_bulk</c> body serialized straight into the request stream (optionally through gzip) as HttpClient
/// sends it. Serializing again is safe, so the same content can go to another node after a refused connection.
/// </summary>
public sealed class BulkRequestContent : HttpContent
{
    private readonly IReadOnlyList<BulkOperation> _operations;
    private readonly bool _gzip;

    public BulkRequestContent(IReadOnlyList<BulkOperation> operations, bool gzip)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count == 0)
        {
            throw new ArgumentException("A bulk request needs at least one operation; Elasticsearch rejects an empty body.", nameof(operations));
        }

        _operations = operations;
        _gzip = gzip;
        Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        if (gzip)
        {
            Headers.ContentEncoding.Add("gzip");
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (!_gzip)
        {
            await BulkNdjsonWriter.WriteAsync(stream, _operations, cancellationToken);
            return;
        }

        // Fastest: bulk bodies are repetitive JSON, so even the fastest level removes most bytes at a fraction of the CPU.
        await using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
        await BulkNdjsonWriter.WriteAsync(gzip, _operations, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        // Unknown until written: sent chunked rather than buffered to learn the length.
        length = 0;
        return false;
    }
}
