using BenchmarkDotNet.Attributes;
using Etl.Enrichment.Embedding;
using Etl.Enrichment.Enriching;
using Etl.Enrichment.Geo;
using Etl.Enrichment.Input;
using Etl.Enrichment.Text;

namespace Etl.Benchmarks.Enrichment;

/// <summary>Per-tweet cost of full enrichment (entities, sentiment, geo, built-in embedding) and of its parts.</summary>
[MemoryDiagnoser]
public class EnrichmentBenchmark
{
    private const int Tweets = 16;
    private SourceTweet[] tweets = [];
    private TweetEnricher enricher = null!;

    [GlobalSetup]
    public void Setup()
    {
        tweets = BenchmarkTweets.Tweets();
        enricher = TweetEnricher.CreateDefault();
        enricher.Enrich(tweets[0]);
    }

    [Benchmark(OperationsPerInvoke = Tweets, Baseline = true)]
    public int FullEnrichment()
    {
        var total = 0;
        foreach (var tweet in tweets)
        {
            total += enricher.Enrich(tweet).Hashtags.Count;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Tweets)]
    public int Entities()
    {
        var total = 0;
        foreach (var tweet in tweets)
        {
            total += EntityExtractor.Extract(tweet.Text).Count;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Tweets)]
    public float Embedding()
    {
        var total = 0f;
        foreach (var tweet in tweets)
        {
            total += HashingEmbedder.Instance.Embed(tweet.Text)[0];
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Tweets)]
    public int Geolocation()
    {
        var found = 0;
        foreach (var tweet in tweets)
        {
            found += Geocoder.Default.Locate(tweet) is null ? 0 : 1;
        }

        return found;
    }
}
