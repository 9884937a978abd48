using System.Text.Json;
using Etl.Schemas.Documents;
using Etl.Testing.Reference;
using Etl.Worker.Cli;
using Etl.Worker.Input;

namespace Etl.Worker.Tests.Cli;

public class EnrichCommandTests
{
    [SkippableFact]
    public void EveryReferenceTweet_BecomesAValidDocument()
    {
        var folder = ReferenceData.PathTo("tweets_json");
        Skip.If(folder is null, "shared/reference/tweets_json is not beside this checkout.");
        var files = Directory.EnumerateFiles(folder, "*.json*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var total = 0;
        foreach (var file in files)
        {
            int expected;
            using (var reader = File.OpenText(file))
            {
                expected = TweetJsonReader.Read(reader).Count(r => r.Tweet is not null);
            }

            var output = Path.GetTempFileName();
            try
            {
                var errors = new StringWriter();
                var exit = EnrichCommand.Run(new FileInfo(file), output, errors);

                var documents = File.ReadAllLines(output).Select(line => JsonSerializer.Deserialize<TweetDocument>(line)!).ToList();
                Assert.Equal(expected, documents.Count);
                Assert.All(documents, AssertValid);
                // Only the reference file that holds a deliberately truncated line may fail.
                Assert.True(exit == 0 || file.EndsWith("streaming_output_with_error.jsonl", StringComparison.Ordinal), $"{file}: {errors}");
                total += documents.Count;
            }
            finally
            {
                File.Delete(output);
            }
        }

        Assert.True(total > 1000, $"only {total} documents from {files.Count} files");
    }

    [SkippableFact]
    public void ATruncatedLine_IsReported_AndTheExitCodeSaysSo()
    {
        var file = ReferenceData.PathTo("tweets_json/v2/docnow_twarc-csv/streaming_output_with_error.jsonl");
        Skip.If(file is null, "shared/reference/tweets_json is not beside this checkout.");
        var output = Path.GetTempFileName();
        try
        {
            var errors = new StringWriter();

            var exit = EnrichCommand.Run(new FileInfo(file), output, errors);

            Assert.Equal(1, exit);
            Assert.Contains("streaming_output_with_error.jsonl:8:", errors.ToString());
            Assert.Equal(7, File.ReadAllLines(output).Length);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static void AssertValid(TweetDocument document)
    {
        Assert.False(string.IsNullOrEmpty(document.Id));
        Assert.NotNull(document.Text);
        Assert.True(document.CreatedAt.Year >= 2006, $"{document.Id}: created_at {document.CreatedAt}");
        Assert.Contains(document.Sentiment.Label, new[] { SentimentLabels.Negative, SentimentLabels.Neutral, SentimentLabels.Positive });
        Assert.InRange(document.Sentiment.Score, -1, 1);
        Assert.NotNull(document.Embedding);
        Assert.Equal(TweetDocument.EmbeddingDimensions, document.Embedding.Length);
        Assert.Equal(1.0, Math.Sqrt(document.Embedding.Sum(v => (double)v * v)), 3);
        if (document.Geo is { } geo)
        {
            Assert.InRange(geo.Location.Lat, -90, 90);
            Assert.InRange(geo.Location.Lon, -180, 180);
            Assert.InRange(geo.Confidence, 0, 1);
            Assert.Contains(geo.Source, new[] { GeoSources.Coordinates, GeoSources.Place, GeoSources.Profile });
        }

        Assert.All(document.Urls, u => Assert.False(string.IsNullOrEmpty(u.Url)));
        Assert.False(string.IsNullOrEmpty(document.Pipeline.SentimentModel));
    }
}
