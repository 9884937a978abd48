using System.Text.Json;
using Etl.Scheduler.Cli;
using Etl.Scheduler.Tests.Trends;
using Etl.Scheduler.Trends;
using Etl.Worker.Generation;

namespace Etl.Scheduler.Tests.Cli;

public sealed class TrendsCommandTests
{
    [Fact]
    public void Trends_over_an_enrich_file_prints_one_json_line_per_reported_trend()
    {
        var settings = GeneratedStream.Settings(1, PlantedTrend.Parse("solar-eclipse:30m:20m:0.3"), PlantedTrend.Parse("data-breach:75m:15m:0.15"));
        var input = Path.GetTempFileName();
        var output = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(input, GeneratedStream.Documents(settings).Select(d => JsonSerializer.Serialize(d)).Append("not json"));
            using var errors = new StringWriter();

            var exit = TrendsCommand.Run(new FileInfo(input), output, new TrendSettings(), errors);

            Assert.Equal(1, exit);
            Assert.Contains(":20001: not a TweetDocument JSON line", errors.ToString());
            var lines = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Contains(lines, l => l.GetProperty("label").GetString()!.Contains("#SolarEclipse") && l.GetProperty("window_start").GetString() == "2024-05-01T00:30:00+00:00");
            Assert.Contains(lines, l => l.GetProperty("top_hashtags").EnumerateArray().Any(h => h.GetString() == "DataBreach"));
            Assert.All(lines, l =>
            {
                Assert.True(l.GetProperty("size").GetInt32() > 0);
                Assert.True(l.GetProperty("growth").GetDouble() >= 4);
                Assert.False(string.IsNullOrEmpty(l.GetProperty("trend_id").GetString()));
            });
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    [Theory]
    [InlineData("5m", 300)]
    [InlineData("90s", 90)]
    [InlineData("1h", 3600)]
    [InlineData("1.5h", 5400)]
    [InlineData("250ms", 0.25)]
    [InlineData("00:05:00", 300)]
    public void Durations_Valid_Parse(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Etl.Elastic.Transport.ElasticsearchTimeUnits.Parse(text, "--window"));

    [Theory]
    [InlineData("5")]
    [InlineData("-5m")]
    [InlineData("5x")]
    public void Durations_Invalid_NameTheOptionAndTheValue(string text)
    {
        var message = Assert.Throws<FormatException>(() => Etl.Elastic.Transport.ElasticsearchTimeUnits.Parse(text, "--window")).Message;
        Assert.Contains($"--window '{text}'", message);
    }
}
