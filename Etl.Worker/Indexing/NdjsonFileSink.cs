using System.Text.Json;
using Etl.Elastic.Serialization;

namespace Etl.Worker.Indexing;

/// <summary>
/// Writes documents as Elasticsearch bulk NDJSON files (action line + source line), which <c>_bulk</c> accepts
/// as they are: <c>curl -H 'Content-Type: application/x-ndjson' --data-binary @file ES/_bulk</c>.
/// The offline sink of <c>etl-worker demo</c>. A new file starts every <see cref="DocumentsPerFile"/> documents;
/// files from an earlier run in the same folder are removed first.
/// </summary>
public sealed class NdjsonFileSink : IDocumentSink, IDisposable
{
    private readonly string directory;
    private readonly Lock gate = new();
    private FileStream? current;
    private int fileNumber;
    private int inCurrent;

    public NdjsonFileSink(string directory, int documentsPerFile = 50_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(documentsPerFile, 1);
        this.directory = directory;
        DocumentsPerFile = documentsPerFile;
        Directory.CreateDirectory(directory);
        // Each run starts a fresh set, so the folder holds exactly what this run indexed.
        foreach (var old in Directory.GetFiles(directory, "bulk-*.ndjson"))
        {
            File.Delete(old);
        }
    }

    public int DocumentsPerFile { get; }

    public IReadOnlyList<string> Files => Directory.GetFiles(directory, "bulk-*.ndjson").Order(StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<SinkItemResult>> WriteAsync(IReadOnlyList<IndexAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            foreach (var action in actions)
            {
                json.WriteStartObject();
                json.WriteStartObject("index");
                json.WriteString("_index", action.Index);
                json.WriteString("_id", action.Id);
                json.WriteEndObject();
                json.WriteEndObject();
                json.Flush();
                buffer.WriteByte((byte)'\n');
                json.Reset();
                // Readable JSON (the vector as numbers) for people and tools reading the files; _bulk accepts both forms.
                JsonSerializer.Serialize(json, action.Document, DocumentJsonContext.Default.TweetDocument);
                json.Flush();
                json.Reset();
                buffer.WriteByte((byte)'\n');
            }
        }

        FileStream stream;
        lock (gate)
        {
            if (current is null || inCurrent >= DocumentsPerFile)
            {
                current?.Dispose();
                fileNumber++;
                current = new FileStream(Path.Combine(directory, $"bulk-{fileNumber:D5}.ndjson"), FileMode.Create, FileAccess.Write, FileShare.Read);
                inCurrent = 0;
            }

            inCurrent += actions.Count;
            stream = current;
        }

        // One writer at a time: the pipeline has a single indexing stage.
        buffer.Position = 0;
        await buffer.CopyToAsync(stream, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        return actions.Select(_ => new SinkItemResult(201)).ToArray();
    }


    public void Dispose()
    {
        lock (gate)
        {
            current?.Dispose();
            current = null;
        }
    }
}
