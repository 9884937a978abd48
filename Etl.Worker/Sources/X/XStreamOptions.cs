namespace Etl.Worker.Sources.X;

/// <summary>
/// The X API v2 filtered stream (<c>etl-worker stream x</c>). The bearer token comes from configuration or the
/// environment (<c>XStream__BearerToken</c>, or <c>X_BEARER_TOKEN</c>) and is never logged.
/// </summary>
public sealed class XStreamOptions
{
    public const string SectionName = "XStream";

    /// <summary>API base address; change it for a proxy or a test stand-in.</summary>
    public string BaseUrl { get; set; } = "https://api.x.com";

    /// <summary>The app's bearer token (developer portal → your app → Keys and tokens).</summary>
    public string? BearerToken { get; set; }

    /// <summary>No data and no keep-alive for this long means the connection is stalled (X sends a keep-alive every 20 s).</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Tweet fields asked for, so the v2 mapper gets text, time, metrics, entities, geo and references.</summary>
    public string TweetFields { get; set; } = "id,text,created_at,author_id,lang,public_metrics,entities,geo,referenced_tweets,in_reply_to_user_id,possibly_sensitive,note_tweet";

    /// <summary>Expansions: the author and the place come back in <c>includes</c>.</summary>
    public string Expansions { get; set; } = "author_id,geo.place_id";

    public string UserFields { get; set; } = "id,name,username,location,description,public_metrics,verified,created_at";

    public string PlaceFields { get; set; } = "id,full_name,name,country,country_code,place_type,geo";

    /// <summary>Posts the hand-off holds while Kafka is slower than the stream.</summary>
    public int HandoffCapacity { get; set; } = 50_000;

    /// <summary>Linear backoff step after a network error (X: 250 ms more each attempt) and its cap (16 s).</summary>
    public TimeSpan NetworkBackoffStep { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan NetworkBackoffMax { get; set; } = TimeSpan.FromSeconds(16);

    /// <summary>Exponential backoff after an HTTP error (X: start at 5 s, double, up to 320 s).</summary>
    public TimeSpan HttpBackoffStart { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan HttpBackoffMax { get; set; } = TimeSpan.FromSeconds(320);

    /// <summary>Exponential backoff after 429 (X: start at 1 minute, double); never earlier than <c>x-rate-limit-reset</c>.</summary>
    public TimeSpan RateLimitBackoffStart { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan RateLimitBackoffMax { get; set; } = TimeSpan.FromMinutes(16);
}
