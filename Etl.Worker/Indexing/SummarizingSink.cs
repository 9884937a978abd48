using Etl.Schemas.Documents;

namespace Etl.Worker.Indexing;

/// <summary>
/// Passes writes through to another sink and tallies what was acknowledged: sentiment mix, hashtags and countries.
/// The demo's summary comes from here, so it describes exactly what was indexed.
/// </summary>
public sealed class SummarizingSink(IDocumentSink inner) : IDocumentSink
{
    private readonly Lock gate = new();
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> sentiment = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> hashtags = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> countries = new(StringComparer.Ordinal);

    public int DistinctDocuments
    {
        get
        {
            lock (gate)
            {
                return ids.Count;
            }
        }
    }

    public async Task<IReadOnlyList<SinkItemResult>> WriteAsync(IReadOnlyList<IndexAction> actions, CancellationToken cancellationToken)
    {
        var results = await inner.WriteAsync(actions, cancellationToken);
        lock (gate)
        {
            for (var i = 0; i < actions.Count; i++)
            {
                var document = actions[i].Document;
                if (!results[i].IsSuccess || !ids.Add(document.Id))
                {
                    continue;
                }

                Count(sentiment, document.Sentiment.Label);
                foreach (var tag in document.Hashtags)
                {
                    Count(hashtags, tag);
                }

                if (document.Geo?.Country is { } country)
                {
                    Count(countries, country);
                }
            }
        }

        return results;
    }


    public IReadOnlyDictionary<string, int> Sentiment() => Snapshot(sentiment, int.MaxValue);

    public IReadOnlyDictionary<string, int> TopHashtags(int n) => Snapshot(hashtags, n);

    public IReadOnlyDictionary<string, int> TopCountries(int n) => Snapshot(countries, n);

    private Dictionary<string, int> Snapshot(Dictionary<string, int> counts, int n)
    {
        lock (gate)
        {
            return counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(n)
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        }
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>Labels in a fixed order for display.</summary>
    public static readonly string[] SentimentOrder = [SentimentLabels.Positive, SentimentLabels.Neutral, SentimentLabels.Negative];
}
