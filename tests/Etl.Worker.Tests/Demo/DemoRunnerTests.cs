using System.Text.Json;
using Etl.Schemas.Documents;
using Etl.Worker.Demo;
using Etl.Worker.Generation;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Worker.Tests.Demo;

public sealed class DemoRunnerTests
{
    [Fact]
    public async Task The_demo_indexes_every_generated_tweet_once_into_bulk_files_and_dead_letters_the_poison()
    {
        var output = Path.Combine(Path.GetTempPath(), "etl-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var settings = new DemoSettings { Count = 1_500, Seed = 11, Poison = 3, OutputDirectory = output, Timeout = TimeSpan.FromMinutes(3), Embedder = "hashing" };
            var result = await new DemoRunner(settings, NullLoggerFactory.Instance).RunAsync();

            Assert.Equal(1_503, result.Produced);
            Assert.Equal(1_500, result.Indexed);
            Assert.Equal(3, result.DeadLettered);
            Assert.Equal(1_500, result.Sentiment.Values.Sum());
            Assert.Contains("SolarEclipse", result.TopHashtags.Keys);

            // The files are what _bulk accepts: action line, then source line, every document once.
            var ids = new HashSet<string>();
            foreach (var file in result.OutputFiles)
            {
                var lines = File.ReadAllLines(file);
                Assert.Equal(0, lines.Length % 2);
                for (var i = 0; i < lines.Length; i += 2)
                {
                    using var action = JsonDocument.Parse(lines[i]);
                    var index = action.RootElement.GetProperty("index");
                    var document = JsonSerializer.Deserialize<TweetDocument>(lines[i + 1])!;
                    Assert.Equal(index.GetProperty("_id").GetString(), document.Id);
                    Assert.Equal($"tweets-{document.CreatedAt.UtcDateTime:yyyy.MM}", index.GetProperty("_index").GetString());
                    Assert.Equal(TweetDocument.EmbeddingDimensions, document.Embedding!.Length);
                    Assert.Contains(document.Sentiment.Label, new[] { SentimentLabels.Positive, SentimentLabels.Neutral, SentimentLabels.Negative });
                    ids.Add(document.Id);
                }
            }

            Assert.Equal(1_500, ids.Count);
            Assert.StartsWith("hashing", result.Embedder, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task With_the_onnx_embedder_the_summary_names_the_model_and_a_semantic_search_finds_the_paraphrased_story()
    {
        var output = Path.Combine(Path.GetTempPath(), "etl-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            // A short stream (minutes, not two hours) with the demo's paraphrased outage story running through most of it.
            var settings = new DemoSettings
            {
                Count = 300,
                Seed = 12,
                Poison = 1,
                OutputDirectory = output,
                Timeout = TimeSpan.FromMinutes(3),
                Trends = [PlantedTrend.Parse("power-outage:10m:100m:0.2:paraphrased")],
            };
            var result = await new DemoRunner(settings, NullLoggerFactory.Instance).RunAsync();

            Assert.Equal(300, result.Indexed);
            Assert.StartsWith("onnx:all-MiniLM-L6-v2@", result.Embedder, StringComparison.Ordinal);
            Assert.True(result.EmbedderLoad > TimeSpan.Zero);
            Assert.True(result.Rate > 0);
            // "a blackout hit the area": the nearest tweets are the outage story, whatever words they use.
            var story = new[] { "power", "electric", "blackout", "dark", "grid", "outage", "current", "lights" };
            Assert.Equal(3, result.SemanticHits.Count);
            Assert.All(result.SemanticHits, hit => Assert.Contains(story, word => hit.Text.Contains(word, StringComparison.OrdinalIgnoreCase)));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
