using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Etl.Enrichment.Enriching;
using Etl.Schemas.Documents;
using Etl.Scheduler.Trends;
using Etl.Worker.Generation;
using Etl.Worker.Input;

namespace Etl.Scheduler.Tests.Trends;

/// <summary>
/// Generated tweets taken the whole way a real stream goes: generator → v1.1 JSON → reader → enricher (with the
/// built-in embedder). Cached per settings, since several tests look at the same stream.
/// </summary>
public static class GeneratedStream
{
    private static readonly ConcurrentDictionary<GeneratorSettings, Lazy<IReadOnlyList<TweetDocument>>> Cache = new();

    public static GeneratorSettings Settings(int seed, params PlantedTrend[] trends) => new()
    {
        Count = 20_000,
        Seed = seed,
        Span = TimeSpan.FromHours(2),
        Trends = trends,
    };

    public static IReadOnlyList<TweetDocument> Documents(GeneratorSettings settings) =>
        Cache.GetOrAdd(settings, s => new Lazy<IReadOnlyList<TweetDocument>>(() => Generate(s))).Value;

    public static IReadOnlyList<TrendTweet> TrendTweets(GeneratorSettings settings) =>
        [.. Documents(settings).Select(d => new TrendTweet(d.Id, d.CreatedAt, d.Text, d.Hashtags, d.Embedding!))];

    private static List<TweetDocument> Generate(GeneratorSettings settings)
    {
        var lines = new StringBuilder();
        using (var buffer = new MemoryStream())
        {
            foreach (var tweet in new TweetGenerator(settings).Generate())
            {
                buffer.SetLength(0);
                using (var json = new Utf8JsonWriter(buffer))
                {
                    TwitterV1JsonWriter.Write(json, tweet.Tweet);
                }

                lines.Append(Encoding.UTF8.GetString(buffer.ToArray())).Append('\n');
            }
        }

        var enricher = TweetEnricher.CreateDefault();
        using var reader = new StringReader(lines.ToString());
        return [.. TweetJsonReader.Read(reader).Select(r => enricher.Enrich(r.Tweet ?? throw new InvalidDataException($"Generated line {r.Line} did not read back: {r.Error}")))];
    }
}
