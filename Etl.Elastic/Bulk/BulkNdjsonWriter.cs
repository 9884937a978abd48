using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Etl.Elastic.Bulk;

/// <summary>
/// Writes a <c>_bulk</c> body: per operation an action line and (index/create) a source line, each ending in
/// <c>\n</c>, including the last one, which Elasticsearch requires. Documents are serialized straight into a
/// reused buffer that is copied to the destination in large chunks, so no per-document strings are made.
/// </summary>
public static class BulkNdjsonWriter
{
    private const int FlushThreshold = 64 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Elasticsearch reads UTF-8; escaping every non-ASCII character (the default) would bloat accented and CJK tweets 2-3x.
        // (Emoji outside the BMP are still escaped: System.Text.Json's encoders always escape surrogate pairs.)
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    private static ReadOnlySpan<byte> IndexAction => "index"u8;

    private static ReadOnlySpan<byte> CreateAction => "create"u8;

    private static ReadOnlySpan<byte> DeleteAction => "delete"u8;

    public static async Task WriteAsync(Stream destination, IReadOnlyList<BulkOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(operations);
        var buffer = new ArrayBufferWriter<byte>(FlushThreshold + 16 * 1024);
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        foreach (var operation in operations)
        {
            WriteOperation(writer, buffer, operation);
            if (buffer.WrittenCount >= FlushThreshold)
            {
                await destination.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }

        if (buffer.WrittenCount > 0)
        {
            await destination.WriteAsync(buffer.WrittenMemory, cancellationToken);
        }
    }

    private static void WriteOperation(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, BulkOperation operation)
    {
        writer.WriteStartObject();
        writer.WriteStartObject(operation.Action switch
        {
            BulkAction.Index => IndexAction,
            BulkAction.Create => CreateAction,
            _ => DeleteAction,
        });
        writer.WriteString("_index"u8, operation.Index);
        if (operation.Id is not null)
        {
            writer.WriteString("_id"u8, operation.Id);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        EndLine(writer, buffer);

        if (operation.WriteSource(writer))
        {
            EndLine(writer, buffer);
        }
    }

    private static void EndLine(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer)
    {
        writer.Flush();
        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        // Each line is its own JSON value; Reset lets the writer start a new root value without a separator.
        writer.Reset();
    }
}
