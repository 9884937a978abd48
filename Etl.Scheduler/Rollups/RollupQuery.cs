using Elastic.Clients.Elasticsearch.QueryDsl;
using Etl.Elastic.Aggregations;
using Etl.Elastic.Search;
using Etl.Schemas.Documents;

namespace Etl.Scheduler.Rollups;

/// <summary>
/// The composite aggregation that computes rollups in Elasticsearch (one composite bucket per time bucket, metrics
/// and top values as sub-aggregations), and the mapping of its buckets to <see cref="RollupDocument"/>s.
/// </summary>
public static class RollupQuery
{
    public const string Bucket = "bucket";
    private const int TopHashtags = 50;
    private const int TopLanguages = 30;
    private const int TopCountries = 100;

    public static CompositeAggregation Aggregation(RollupInterval interval) =>
        new([CompositeSource.DateHistogram(Bucket, "created_at", interval.CalendarInterval)], Size: 100)
        {
            SubAggregations = new Dictionary<string, Aggregation>(StringComparer.Ordinal)
            {
                ["mean_sentiment"] = MetricAggregation.Avg("sentiment.score"),
                ["retweet_count"] = MetricAggregation.Sum("engagement.retweet_count"),
                ["reply_count"] = MetricAggregation.Sum("engagement.reply_count"),
                ["like_count"] = MetricAggregation.Sum("engagement.like_count"),
                ["quote_count"] = MetricAggregation.Sum("engagement.quote_count"),
                ["hashtags"] = new TermsAggregation("hashtags", TopHashtags),
                ["languages"] = new TermsAggregation("lang", TopLanguages),
                ["countries"] = new TermsAggregation("geo.country_code", TopCountries),
                ["sentiment"] = new TermsAggregation("sentiment.label", 3),
            },
        };

    public static Query Range(DateTimeOffset from, DateTimeOffset to) => Queries.TimeRange("created_at", from, to);

    public static RollupDocument ToDocument(CompositeBucket bucket, RollupInterval interval, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(interval);
        var start = bucket.KeyDate(Bucket);
        var aggs = bucket.Aggregations;
        long Sum(string name) => (long)Math.Round(aggs.Metric(name) ?? 0);
        var sentiment = aggs.Terms("sentiment").ToDictionary(t => t.Key, t => t.DocCount, StringComparer.Ordinal);
        return new RollupDocument
        {
            BucketStart = start,
            BucketEnd = start + interval.Length,
            Interval = interval.Name,
            GeneratedAt = generatedAt,
            Tweets = bucket.DocCount,
            MeanSentiment = aggs.Metric("mean_sentiment") is double mean ? Math.Round(mean, 4) : null,
            Hashtags = [.. aggs.Terms("hashtags").Select(t => new KeyCount(t.Key, t.DocCount))],
            Languages = [.. aggs.Terms("languages").Select(t => new KeyCount(t.Key, t.DocCount))],
            Countries = [.. aggs.Terms("countries").Select(t => new KeyCount(t.Key, t.DocCount))],
            Sentiment = new SentimentCounts
            {
                Positive = sentiment.GetValueOrDefault(SentimentLabels.Positive),
                Neutral = sentiment.GetValueOrDefault(SentimentLabels.Neutral),
                Negative = sentiment.GetValueOrDefault(SentimentLabels.Negative),
            },
            // The same shape as a tweet's engagement, summed; its total is derived from the four sums.
            Engagement = new EngagementDocument
            {
                RetweetCount = Sum("retweet_count"),
                ReplyCount = Sum("reply_count"),
                LikeCount = Sum("like_count"),
                QuoteCount = Sum("quote_count"),
            },
        };
    }
}
