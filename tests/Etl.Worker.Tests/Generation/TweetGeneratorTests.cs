using System.Text.Json;
using Etl.Worker.Cli;
using Etl.Worker.Generation;

namespace Etl.Worker.Tests.Generation;

public sealed class TweetGeneratorTests
{
    private static readonly PlantedTrend Eclipse = PlantedTrend.Parse("solar-eclipse:30m:20m:0.3");

    [Fact]
    public void The_same_seed_gives_the_same_tweets_and_another_seed_does_not()
    {
        var settings = new GeneratorSettings { Count = 500, Seed = 7, Trends = [Eclipse] };
        var a = new TweetGenerator(settings).Generate().ToList();
        var b = new TweetGenerator(settings).Generate().ToList();
        var c = new TweetGenerator(settings with { Seed = 8 }).Generate().ToList();

        Assert.Equal(a.Select(t => (t.Tweet.Id, t.Tweet.Text, t.Tweet.User!.ScreenName)), b.Select(t => (t.Tweet.Id, t.Tweet.Text, t.Tweet.User!.ScreenName)));
        Assert.NotEqual(a.Select(t => t.Tweet.Text), c.Select(t => t.Tweet.Text));
    }

    [Fact]
    public void Tweets_have_unique_ids_in_time_order_within_the_span_and_realistic_shares()
    {
        var settings = new GeneratorSettings { Count = 20_000, Seed = 1 };
        var generated = new TweetGenerator(settings).Generate().ToList();
        var tweets = generated.Select(g => g.Tweet).ToList();

        Assert.Equal(tweets.Count, tweets.Select(t => t.Id).Distinct().Count());
        Assert.True(tweets.Zip(tweets.Skip(1)).All(p => p.First.CreatedAt <= p.Second.CreatedAt));
        Assert.All(tweets, t => Assert.InRange(t.CreatedAt!.Value, settings.Start, settings.Start + settings.Span));

        double Share(Func<Enrichment.Input.SourceTweet, bool> f) => tweets.Count(f) / (double)tweets.Count;
        Assert.InRange(Share(t => t.Coordinates is not null), 0.02, 0.04);
        Assert.InRange(Share(t => t.Place is not null), 0.08, 0.12);
        Assert.InRange(Share(t => t.Lang == "en"), 0.65, 0.80);
        Assert.InRange(Share(t => t.Entities!.Hashtags.Count > 0), 0.3, 0.6);
        Assert.InRange(Share(t => t.Entities!.Mentions.Count > 0), 0.25, 0.35);
        Assert.InRange(Share(t => t.Entities!.Urls.Count > 0), 0.15, 0.25);
        Assert.InRange(generated.Count(g => g.Tone == "negative") / (double)generated.Count, 0.25, 0.35);
        Assert.True(tweets.Select(t => t.Lang).Distinct().Count() >= 5);
    }

    [Fact]
    public void A_planted_trend_takes_its_share_of_tweets_only_while_it_is_active()
    {
        var settings = new GeneratorSettings { Count = 12_000, Seed = 3, Span = TimeSpan.FromHours(2), Trends = [Eclipse] };
        var tweets = new TweetGenerator(settings).Generate().ToList();
        var during = tweets.Where(t => Eclipse.IsActiveAt(t.Tweet.CreatedAt!.Value - settings.Start)).ToList();
        var outside = tweets.Except(during).ToList();

        Assert.InRange(during.Count(t => t.Trend == "solar-eclipse") / (double)during.Count, 0.25, 0.35);
        Assert.DoesNotContain(outside, t => t.Trend is not null);
        Assert.All(during.Where(t => t.Trend is not null), t =>
        {
            Assert.Contains("SolarEclipse", t.Tweet.Entities!.Hashtags);
            Assert.Contains("#SolarEclipse", t.Tweet.Text);
        });
        var terms = TweetGenerator.TrendTerms(Eclipse);
        Assert.Equal(["solar", "eclipse"], terms.Take(2));
        Assert.Equal(5, terms.Count);
    }

    [Theory]
    [InlineData("eclipse:30m:20m", "label:start:duration:share")]
    [InlineData("eclipse:soon:20m:0.3", "--trend start 'soon'")]
    [InlineData("eclipse:30m:0m:0.3", "must be positive")]
    [InlineData("eclipse:30m:20m:1.5", "--trend share '1.5'")]
    [InlineData("ec lipse:30m:20m:0.3", "--trend label 'ec lipse'")]
    public void A_bad_trend_is_rejected_with_the_value_and_an_example(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => PlantedTrend.Parse(text));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Generated_json_is_twitter_v1_1_with_entity_indices_in_code_points()
    {
        var path = Path.GetTempFileName();
        try
        {
            var written = GenerateCommand.WriteJsonLines(new GeneratorSettings { Count = 300, Seed = 5, Trends = [PlantedTrend.Parse("big-launch:0m:2h:0.5")] }, path);
            var lines = File.ReadAllLines(path);
            Assert.Equal(300, written);
            Assert.Equal(300, lines.Length);
            foreach (var line in lines)
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                Assert.Equal(root.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("id_str").GetString());
                Assert.True(DateTimeOffset.TryParseExact(root.GetProperty("created_at").GetString(), "ddd MMM dd HH:mm:ss zzz yyyy", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _));
                var text = root.GetProperty("full_text").GetString()!;
                var codePoints = text.EnumerateRunes().Select(r => r.ToString()).ToArray();
                foreach (var tag in root.GetProperty("entities").GetProperty("hashtags").EnumerateArray())
                {
                    var indices = tag.GetProperty("indices");
                    var slice = string.Concat(codePoints[indices[0].GetInt32()..indices[1].GetInt32()]);
                    Assert.Equal("#" + tag.GetProperty("text").GetString(), slice);
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_paraphrased_trend_tells_its_story_in_varied_words_without_a_hashtag()
    {
        var settings = new GeneratorSettings { Count = 2_000, Seed = 9, Trends = [PlantedTrend.Parse("power-outage:0m:2h:0.3:paraphrased")] };

        var tweets = new TweetGenerator(settings).Generate().Where(t => t.Trend == "power-outage").ToList();

        Assert.InRange(tweets.Count, 450, 750);
        Assert.All(tweets, t => Assert.Empty(t.Tweet.Entities!.Hashtags!));
        // No content word is in most of the story's tweets: only their meaning ties them together.
        var words = tweets.SelectMany(t => t.Tweet.Text.ToLowerInvariant().Split(' ', ',', '!', '?', ':').Where(w => w.Length > 3).Distinct()).GroupBy(w => w);
        Assert.All(words, g => Assert.True(g.Count() < tweets.Count / 2, $"'{g.Key}' is in {g.Count()} of {tweets.Count} tweets"));
        Assert.Equal(
            new TweetGenerator(settings).Generate().Select(t => t.Tweet.Text),
            new TweetGenerator(settings).Generate().Select(t => t.Tweet.Text));
    }

    [Theory]
    [InlineData("power-outage:0m:1h:0.2:sideways", "paraphrased")]
    [InlineData("no-such-story:0m:1h:0.2:paraphrased", "power-outage")]
    public void A_bad_paraphrased_trend_is_refused_naming_the_fix(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => PlantedTrend.Parse(text));

        Assert.Contains(expected, error.Message);
    }
}
