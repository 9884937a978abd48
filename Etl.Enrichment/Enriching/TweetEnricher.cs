using System.Reflection;
using Etl.Enrichment.Embedding;
using Etl.Enrichment.Geo;
using Etl.Enrichment.Input;
using Etl.Enrichment.Sentiment;
using Etl.Enrichment.Text;
using Etl.Schemas.Documents;

namespace Etl.Enrichment.Enriching;

/// <summary>
/// Turns a <see cref="SourceTweet"/> into the indexed <see cref="TweetDocument"/>: entities (the source's own when it
/// has them, extracted from the text otherwise; emoji always from the text), sentiment, geolocation and embedding.
/// Deterministic apart from <c>ingested_at</c>; thread-safe.
/// </summary>
public sealed class TweetEnricher(SentimentPredictor sentiment, Geocoder geocoder, IEmbedder embedder, TimeProvider clock)
{
    /// <summary>Twitter's Snowflake epoch: ids since late 2010 carry their creation time in the high bits.</summary>
    private const long SnowflakeEpochMs = 1288834974657;

    /// <summary>The first Snowflake id; older ids are sequential and carry no time.</summary>
    private const long FirstSnowflakeId = 29_700_859_247;

    private static readonly string Version = typeof(TweetEnricher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>The built-in models and the hashing embedder, on the system clock.</summary>
    public static TweetEnricher CreateDefault(IEmbedder? embedder = null, TimeProvider? clock = null) =>
        new(SentimentPredictor.Default, Geocoder.Default, embedder ?? HashingEmbedder.Instance, clock ?? TimeProvider.System);

    public IEmbedder Embedder { get; } = embedder ?? throw new ArgumentNullException(nameof(embedder));

    /// <summary>True when the embedder is cheap enough to run inline, tweet by tweet (the hashing embedder).</summary>
    public bool EmbedsInline => Embedder is HashingEmbedder;

    /// <summary>Enriches one tweet; only for the built-in (synchronous) hashing embedder — use <see cref="EnrichAsync"/> with a model.</summary>
    public TweetDocument Enrich(SourceTweet tweet)
    {
        ArgumentNullException.ThrowIfNull(tweet);
        if (Embedder is not HashingEmbedder hashing)
        {
            throw new InvalidOperationException($"Enrich(tweet) embeds synchronously with the built-in embedder; the configured embedder '{Embedder.Name}' needs EnrichAsync(batch) or Enrich(tweet, embedding).");
        }

        return Build(tweet, hashing.Embed(tweet.Text));
    }

    /// <summary>
    /// Enriches one tweet with an embedding computed elsewhere (the worker's embed stage batches texts across records).
    /// <paramref name="embedding"/> null leaves <see cref="TweetDocument.Embedding"/> empty for the caller to fill with
    /// <see cref="Embedder"/>; the document already names that embedder.
    /// </summary>
    public TweetDocument Enrich(SourceTweet tweet, float[]? embedding)
    {
        ArgumentNullException.ThrowIfNull(tweet);
        if (embedding is not null && embedding.Length != Embedder.Dimensions)
        {
            throw new ArgumentException($"The embedding has {embedding.Length} dimensions; '{Embedder.Name}' produces {Embedder.Dimensions}.", nameof(embedding));
        }

        return Build(tweet, embedding);
    }

    /// <summary>Enriches a batch, embedding all texts in one call to the embedder.</summary>
    public async Task<IReadOnlyList<TweetDocument>> EnrichAsync(IReadOnlyList<SourceTweet> tweets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tweets);
        var vectors = await Embedder.EmbedAsync(tweets.Select(t => t.Text).ToArray(), cancellationToken);
        var documents = new TweetDocument[tweets.Count];
        for (var i = 0; i < tweets.Count; i++)
        {
            documents[i] = Build(tweets[i], vectors[i]);
        }

        return documents;
    }

    private TweetDocument Build(SourceTweet tweet, float[]? embedding)
    {
        if (string.IsNullOrWhiteSpace(tweet.Id))
        {
            throw new ArgumentException("The tweet has no id; every document needs one (it is the Elasticsearch _id).", nameof(tweet));
        }

        var text = tweet.Text ?? "";
        var now = clock.GetUtcNow();
        var extracted = EntityExtractor.Extract(text);
        var predicted = sentiment.Predict(text);
        var entities = tweet.Entities;

        return new TweetDocument
        {
            Id = tweet.Id,
            Network = tweet.Network,
            Uri = tweet.Uri,
            CreatedAt = tweet.CreatedAt ?? FromSnowflake(tweet.Id) ?? now,
            IngestedAt = now,
            Text = text,
            Lang = tweet.Lang,
            Source = PlainSource(tweet.Source),
            User = tweet.User is { } user ? new TweetUserDocument
            {
                Id = user.Id,
                ScreenName = user.ScreenName,
                Name = user.Name,
                Location = user.Location,
                Description = user.Description,
                FollowersCount = user.FollowersCount,
                FriendsCount = user.FriendsCount,
                Verified = user.Verified,
                CreatedAt = user.CreatedAt,
            } : null,
            Hashtags = Distinct(entities?.Hashtags ?? Of(extracted, EntityKind.Hashtag)),
            Mentions = Distinct(entities?.Mentions ?? Of(extracted, EntityKind.Mention)),
            Cashtags = Distinct(entities?.Cashtags ?? Of(extracted, EntityKind.Cashtag)),
            Urls = (entities?.Urls ?? Of(extracted, EntityKind.Url).Select(u => new SourceUrl(u, null)).ToList())
                .Select(u => new UrlDocument { Url = u.Url, ExpandedUrl = u.ExpandedUrl, Domain = Domain(u.ExpandedUrl ?? u.Url) }).ToList(),
            Emojis = Of(extracted, EntityKind.Emoji),
            Engagement = new EngagementDocument { RetweetCount = tweet.RetweetCount, ReplyCount = tweet.ReplyCount, LikeCount = tweet.LikeCount, QuoteCount = tweet.QuoteCount },
            IsReply = tweet.InReplyToStatusId is not null,
            IsQuote = tweet.QuotedStatusId is not null,
            IsRetweet = tweet.RetweetedStatusId is not null,
            InReplyToStatusId = tweet.InReplyToStatusId,
            InReplyToUserId = tweet.InReplyToUserId,
            QuotedStatusId = tweet.QuotedStatusId,
            RetweetedStatusId = tweet.RetweetedStatusId,
            PossiblySensitive = tweet.PossiblySensitive,
            Sentiment = Document(predicted),
            Geo = geocoder.Locate(tweet),
            Embedding = embedding,
            Pipeline = new PipelineDocument { Version = Version, SentimentModel = sentiment.Model.Name, Embedder = Embedder.Name, Gazetteer = Geocoder.DataVersion },
        };
    }

    /// <summary>Probabilities rounded to 4 places, and the score computed from the rounded values so score = positive − negative holds in the document.</summary>
    private static SentimentDocument Document(SentimentResult predicted)
    {
        var negative = Math.Round(predicted.Negative, 4);
        var positive = Math.Round(predicted.Positive, 4);
        return new SentimentDocument
        {
            Label = predicted.Label,
            Score = Math.Round(positive - negative, 4),
            Negative = negative,
            Neutral = Math.Round(predicted.Neutral, 4),
            Positive = positive,
        };
    }

    private static List<string> Of(IReadOnlyList<TextEntity> entities, EntityKind kind)
    {
        var values = new List<string>();
        foreach (var entity in entities)
        {
            if (entity.Kind == kind)
            {
                values.Add(entity.Value);
            }
        }

        return values;
    }

    /// <summary>A tag repeated in one tweet counts once (tag clouds count tweets, not repetitions); first spelling wins.</summary>
    private static List<string> Distinct(IReadOnlyList<string> values)
    {
        var result = new List<string>(values.Count);
        foreach (var value in values)
        {
            if (!string.IsNullOrEmpty(value) && !result.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(value);
            }
        }

        return result;
    }

    /// <summary>Host, lower case, without "www."; URLs written without a scheme ("bit.ly/x") are read as http.</summary>
    public static string? Domain(string url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var absolute = url.Contains("://", StringComparison.Ordinal) ? url : "http://" + url;
        if (!Uri.TryCreate(absolute, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var host = uri.Host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    /// <summary>v1.1 gives the client as an HTML anchor (&lt;a href=...&gt;Twitter for iPhone&lt;/a&gt;); keep its text.</summary>
    public static string? PlainSource(string? source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return null;
        }

        var open = source.IndexOf('>', StringComparison.Ordinal);
        var close = source.LastIndexOf("</", StringComparison.Ordinal);
        var text = source.StartsWith('<') && open >= 0 && close > open ? source[(open + 1)..close] : source;
        return System.Net.WebUtility.HtmlDecode(text).Trim();
    }

    private static DateTimeOffset? FromSnowflake(string id)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < FirstSnowflakeId)
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((value >> 22) + SnowflakeEpochMs);
    }
}
