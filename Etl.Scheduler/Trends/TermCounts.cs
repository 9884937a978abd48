namespace Etl.Scheduler.Trends;

/// <summary>In how many tweets of a set each term and each hashtag occurs (document frequency).</summary>
public sealed class TermCounts
{
    private readonly Dictionary<string, int> _terms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _hashtags = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _hashtagSpelling = new(StringComparer.OrdinalIgnoreCase);

    public int Documents { get; private set; }

    public IEnumerable<string> Terms => _terms.Keys;

    public IEnumerable<string> Hashtags => _hashtags.Keys;

    public static TermCounts Of(IEnumerable<TrendTweet> tweets)
    {
        ArgumentNullException.ThrowIfNull(tweets);
        var counts = new TermCounts();
        foreach (var tweet in tweets)
        {
            counts.Add(tweet);
        }

        return counts;
    }

    public void Add(TrendTweet tweet)
    {
        ArgumentNullException.ThrowIfNull(tweet);
        Documents++;
        foreach (var term in TermExtractor.Terms(tweet.Text))
        {
            _terms[term] = _terms.GetValueOrDefault(term) + 1;
        }

        foreach (var hashtag in tweet.Hashtags.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            _hashtags[hashtag] = _hashtags.GetValueOrDefault(hashtag) + 1;
            _hashtagSpelling.TryAdd(hashtag, hashtag);
        }
    }

    public int Term(string term) => _terms.GetValueOrDefault(term);

    public int Hashtag(string hashtag) => _hashtags.GetValueOrDefault(hashtag);

    /// <summary>The hashtag as first written (hashtags are counted case-insensitively).</summary>
    public string Spelling(string hashtag) => _hashtagSpelling.GetValueOrDefault(hashtag, hashtag);
}
