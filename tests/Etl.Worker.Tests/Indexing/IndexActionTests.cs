using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Etl.Schemas.Documents;
using Etl.Worker.Indexing;

namespace Etl.Worker.Tests.Indexing;

public sealed class IndexActionTests
{
    private static TweetDocument Document(float[] embedding) => new()
    {
        Id = "1850000000000000001",
        CreatedAt = new DateTimeOffset(2024, 10, 1, 12, 0, 0, TimeSpan.Zero),
        IngestedAt = new DateTimeOffset(2024, 10, 1, 12, 0, 1, TimeSpan.Zero),
        Text = "Überschwemmung in Köln — 東京も雨",
        Embedding = embedding,
    };

    private static float[] Vector() => [.. Enumerable.Range(0, TweetDocument.EmbeddingDimensions).Select(i => MathF.Sin(i * 0.37f) / 7.3f)];

    [Fact]
    public void The_bulk_source_carries_the_vector_as_exact_big_endian_float32_base64()
    {
        var vector = Vector();

        var action = new IndexAction("tweets-2024.10", "1850000000000000001", Document(vector));

        using var source = JsonDocument.Parse(action.Source);
        var embedding = source.RootElement.GetProperty("embedding");
        Assert.Equal(JsonValueKind.String, embedding.ValueKind);
        var bytes = embedding.GetBytesFromBase64();
        Assert.Equal(vector.Length * sizeof(float), bytes.Length);
        var decoded = Enumerable.Range(0, vector.Length).Select(i => BinaryPrimitives.ReadSingleBigEndian(bytes.AsSpan(i * sizeof(float)))).ToArray();
        Assert.Equal(vector, decoded);
    }

    [Fact]
    public void The_bulk_source_is_smaller_than_the_readable_form_and_keeps_non_ASCII_text_unescaped()
    {
        var document = Document(Vector());

        var action = new IndexAction("tweets-2024.10", document.Id, document);
        var readable = JsonSerializer.SerializeToUtf8Bytes(document, Etl.Elastic.Serialization.DocumentJsonContext.Default.TweetDocument);

        Assert.Contains("Überschwemmung in Köln — 東京も雨", Encoding.UTF8.GetString(action.Source.Span), StringComparison.Ordinal);
        Assert.True(action.Source.Length < readable.Length * 0.7, $"bulk source {action.Source.Length} B vs readable {readable.Length} B");
    }

    [Fact]
    public async Task The_NDJSON_file_sink_writes_the_vector_as_readable_numbers()
    {
        var directory = Directory.CreateTempSubdirectory("etl-ndjson-").FullName;
        try
        {
            var vector = Vector();
            using (var sink = new NdjsonFileSink(directory))
            {
                await sink.WriteAsync([new IndexAction("tweets-2024.10", "1850000000000000001", Document(vector))], CancellationToken.None);
            }

            var lines = File.ReadAllLines(Assert.Single(Directory.GetFiles(directory, "bulk-*.ndjson")));
            Assert.Equal(2, lines.Length);
            using var source = JsonDocument.Parse(lines[1]);
            var embedding = source.RootElement.GetProperty("embedding");
            Assert.Equal(JsonValueKind.Array, embedding.ValueKind);
            Assert.Equal(vector.Length, embedding.GetArrayLength());
            Assert.Equal(vector[5], embedding[5].GetSingle(), 5);
            Assert.Equal("Überschwemmung in Köln — 東京も雨", source.RootElement.GetProperty("text").GetString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
